import { useEffect } from 'react';
import { Announcer } from './components/Announcer.tsx';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { Header } from './components/Header.tsx';
import { ShortcutsDialog } from './components/ShortcutsDialog.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { Toasts } from './components/Toasts.tsx';
import { isTypingTarget, triggerShortcut } from './hooks/shortcuts.ts';
import { BotsScreen } from './screens/bots/BotsScreen.tsx';
import { FlowsScreen } from './screens/flows/FlowsScreen.tsx';
import { LogScreen } from './screens/log/LogScreen.tsx';
import { PeopleScreen } from './screens/people/PeopleScreen.tsx';
import { ProfilesScreen } from './screens/profiles/ProfilesScreen.tsx';
import { ScenariosScreen } from './screens/scenarios/ScenariosScreen.tsx';
import { UsersScreen } from './screens/users/UsersScreen.tsx';
import { WebhooksScreen } from './screens/webhooks/WebhooksScreen.tsx';
import { useApp, useAppStore } from './store/context.tsx';
import { SCREENS, type Screen, type ThemeChoice } from './store/workbench-slice.ts';

/** The workbench: sidebar, header, the current screen, and what floats over them. */
export function App({ onRetry }: { onRetry?: (() => void) | undefined }) {
  const screen = useApp((s) => s.screen);
  const theme = useApp((s) => s.theme);
  const shortcutsOpen = useApp((s) => s.shortcutsOpen);
  const setShortcutsOpen = useApp((s) => s.setShortcutsOpen);
  useTheme(theme);
  useGlobalShortcuts();
  useScreenInHash();
  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <Header />
        <ConnectionBanner onRetry={onRetry} />
        <main className="screen" data-screen={screen}>
          <CurrentScreen screen={screen} />
        </main>
      </div>
      <Toasts />
      <Announcer />
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
    </div>
  );
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'profiles':
      return <ProfilesScreen />;
    case 'people':
      return <PeopleScreen />;
    case 'users':
      return <UsersScreen />;
    case 'log':
      return <LogScreen />;
    case 'webhooks':
      return <WebhooksScreen />;
    case 'flows':
      return <FlowsScreen />;
    case 'scenarios':
      return <ScenariosScreen />;
    case 'bots':
      return <BotsScreen />;
  }
}

/** Applies the theme to <html data-theme>, following the system when asked to. */
function useTheme(theme: ThemeChoice): void {
  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media?.matches ? 'dark' : 'light') : theme;
    };
    apply();
    if (theme !== 'system' || !media) return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

function useGlobalShortcuts(): void {
  const store = useAppStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const screenIndex = Number(event.key) - 1;
      if (mod && !event.altKey && !event.shiftKey && /^[1-9]$/.test(event.key) && screenIndex < SCREENS.length) {
        event.preventDefault();
        state.setScreen(SCREENS[screenIndex]!);
        return;
      }
      if (mod && event.key === 'Enter' && state.screen === 'webhooks') {
        event.preventDefault();
        triggerShortcut('send-webhook');
        return;
      }
      if (mod && !event.altKey && event.key.toLowerCase() === 's' && state.screen === 'flows') {
        // Also from inside the editor: the browser's own "Save page" is never what a tester means here.
        event.preventDefault();
        if (state.overlays === 0) triggerShortcut('save-flow');
        return;
      }
      if (mod || event.altKey || isTypingTarget(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        state.setShortcutsOpen(!state.shortcutsOpen);
        return;
      }
      if (state.overlays > 0) return;
      if (event.key === 'n' && state.screen === 'profiles') {
        event.preventDefault();
        triggerShortcut('new-profile');
      } else if (event.key === 'r' && state.screen === 'profiles') {
        event.preventDefault();
        void (state.recording.recording ? state.stopRecording() : state.startRecording());
      } else if (event.key === '/' && (state.screen === 'users' || state.screen === 'log')) {
        event.preventDefault();
        triggerShortcut('focus-filter');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/** Keeps the screen in the address (#/log), so a reload or a bookmark lands on it. */
function useScreenInHash(): void {
  const store = useAppStore();
  useEffect(() => {
    const fromHash = () => {
      const name = location.hash.replace(/^#\/?/, '') as Screen;
      if (SCREENS.includes(name)) store.getState().setScreen(name);
    };
    fromHash();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.screen !== previous.screen && location.hash !== `#/${state.screen}`) history.replaceState(null, '', `#/${state.screen}`);
    });
    window.addEventListener('hashchange', fromHash);
    return () => {
      unsubscribe();
      window.removeEventListener('hashchange', fromHash);
    };
  }, [store]);
}
