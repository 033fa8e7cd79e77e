import type { WorkbenchInfo } from '../../../main/api/contract.ts';
import { toApiError } from '../transport/api-error.ts';
import type { ConnectionState } from '../transport/connection.ts';
import { safeStorage } from './local-storage.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

export type Screen = 'profiles' | 'people' | 'users' | 'log' | 'webhooks' | 'flows' | 'scenarios' | 'bots';
/** In sidebar order; Ctrl/⌘ + its position (1…8) opens each. People sits by Profiles: both are the identity lab. */
export const SCREENS: readonly Screen[] = ['profiles', 'people', 'users', 'log', 'webhooks', 'flows', 'scenarios', 'bots'];

export type ThemeChoice = 'light' | 'dark' | 'system';
const THEME_KEY = 'botbench.theme';

export interface Toast {
  id: number;
  tone: 'error' | 'info' | 'success';
  title: string;
  message: string;
  /** The error's stable code, for errors. */
  code: string | null;
}

export interface WorkbenchSlice {
  info: WorkbenchInfo | null;
  connection: ConnectionState;
  theme: ThemeChoice;
  screen: Screen;
  toasts: Toast[];
  shortcutsOpen: boolean;
  /** Dialogs and drawers open over the page; live profile views hide while any is. */
  overlays: number;
  setConnection(connection: ConnectionState): void;
  setTheme(theme: ThemeChoice): void;
  setScreen(screen: Screen): void;
  loadInfo(): Promise<void>;
  /** Looks for a browser again (after the person installed one); profiles open once there is one. */
  retryBrowser(): Promise<void>;
  notify(toast: Omit<Toast, 'id'>): void;
  /** Shows a failed call as a toast with its code and message. */
  reportError(error: unknown, title?: string): void;
  dismissToast(id: number): void;
  setShortcutsOpen(open: boolean): void;
  pushOverlay(): void;
  popOverlay(): void;
}

export function readStoredTheme(): ThemeChoice {
  const stored = safeStorage.get(THEME_KEY);
  return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
}

let nextToastId = 1;

export const createWorkbenchSlice: SliceCreator<WorkbenchSlice> = (set, get) => ({
  info: null,
  connection: { status: 'connecting', attempt: 0, retryAt: null, message: null },
  theme: readStoredTheme(),
  screen: 'profiles',
  toasts: [],
  shortcutsOpen: false,
  overlays: 0,
  setConnection: (connection) => set({ connection }),
  setTheme: (theme) => {
    safeStorage.set(THEME_KEY, theme);
    set({ theme });
  },
  setScreen: (screen) => set({ screen }),
  loadInfo: () => attempt(get, 'Could not read the workbench info', async () => set({ info: await get().client.call('workbench.info') }), undefined),
  retryBrowser: () =>
    attempt(
      get,
      'Could not look for a browser',
      async () => {
        const browser = await get().client.call('profiles.retryBrowser');
        set((state) => ({ info: state.info && { ...state.info, browser } }));
        if (browser.ready) get().notify({ tone: 'success', title: 'Browser found', message: browser.browser, code: null });
      },
      undefined,
    ),
  notify: (toast) => set((state) => ({ toasts: [...state.toasts.slice(-4), { ...toast, id: nextToastId++ }] })),
  reportError: (error, title = 'Something failed') => {
    const apiError = toApiError(error);
    get().notify({ tone: 'error', title, message: apiError.message, code: apiError.code });
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  pushOverlay: () => set((state) => ({ overlays: state.overlays + 1 })),
  popOverlay: () => set((state) => ({ overlays: Math.max(0, state.overlays - 1) })),
});
