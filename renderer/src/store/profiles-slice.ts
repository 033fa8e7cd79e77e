import type { OpenProfileInput, ProfileInput, ProfileSnapshot, RestartIdentity, WidgetScript } from '../../../main/api/contract.ts';
import type { Message } from '../../../main/platform/model.ts';
import { KIND_INFO, SEED_STORY } from '../lib/kinds.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

/** The buttons on a profile pane. */
export type PaneAction = 'reload' | 'restart' | 'clear' | 'reset' | 'close';

type PaneMethod = 'profiles.reload' | 'profiles.restart' | 'profiles.clearSiteData' | 'profiles.resetConversation' | 'profiles.close';

export const PANE_ACTIONS: Record<PaneAction, { method: PaneMethod; label: string; title: string }> = {
  reload: { method: 'profiles.reload', label: 'Reload', title: 'Reload the page, as a visitor pressing F5' },
  restart: { method: 'profiles.restart', label: 'Restart browser', title: 'Close the browser and open it again (incognito storage is lost)' },
  clear: {
    method: 'profiles.clearSiteData',
    label: 'Clear site data',
    title: 'Clear the site’s storage and reload, as a visitor clearing their cache',
  },
  reset: { method: 'profiles.resetConversation', label: 'Reset conversation', title: 'Press the widget’s “Reset conversation”' },
  close: { method: 'profiles.close', label: 'Close', title: 'Close this profile for good (its storage is deleted)' },
};

/** What a profile is busy with: a pane button, or logging in or out. */
export type ProfileBusy = PaneAction | 'login' | 'logout';

/** How the restart menu names each way of coming back. */
export const RESTART_CHOICES: Record<RestartIdentity['mode'], { label: string; title: string }> = {
  same: { label: 'same ID', title: 'Restart keeping the browser’s storage: the widget should come back with the same Channel ID' },
  new: { label: 'new ID', title: 'Restart without the stored Channel ID: the widget should come back as a new visitor' },
  typed: {
    label: 'typed ID…',
    title: 'Restart with a Channel ID you type stored in the browser: the widget should come back as exactly that visitor',
  },
};

/** The latest message a webhook sent to one response path. */
export interface LandedWebhook {
  messageId: string;
  seq: number;
  text: string;
  at: number;
}

export interface ProfilesSlice {
  /** Open profiles, in the order they were opened. */
  profiles: ProfileSnapshot[];
  /** Latest picture of each profile's page (browser mode). */
  frames: Record<string, string>;
  /** Actions in flight per profile, so its buttons wait. */
  profileBusy: Record<string, ProfileBusy>;
  seeding: { done: number; total: number } | null;
  /** Desktop app: pages are embedded live over the panes, so no pictures are needed. */
  livePages: boolean;
  /** By response path: where webhooks landed, so each pane shows the last one that reached it. */
  landedWebhooks: Record<string, LandedWebhook>;
  /** Which Flow XO script the next profiles' pages embed (legacy embed.js or current loader.js). */
  widgetScript: WidgetScript;
  setWidgetScript(script: WidgetScript): void;
  loadProfiles(): Promise<void>;
  openProfile(input: OpenProfileInput): Promise<ProfileSnapshot | null>;
  /** Opens the seed article's whole story for one bot, one profile after the other. */
  seedStory(botId: string): Promise<void>;
  /** Runs a pane button; a restart comes back with the same ID (main's default) unless `identity` says otherwise. */
  runProfileAction(id: string, action: PaneAction, identity?: RestartIdentity): Promise<void>;
  /** Logs the page's visitor in as `externalUserId`, as the site's own login would (signed). */
  loginProfile(id: string, externalUserId: string): Promise<void>;
  logoutProfile(id: string): Promise<void>;
  sendAsVisitor(id: string, text: string): Promise<boolean>;
  sendProfileInput(id: string, input: ProfileInput): Promise<void>;
  /** Replaces the snapshot with the same id; a closed profile leaves the grid. */
  applyProfile(profile: ProfileSnapshot): void;
  setFrame(profileId: string, dataUrl: string): void;
  /** Keeps an outbound webhook message as the latest to land on its response path; other messages are ignored. */
  noteWebhookLanding(message: Message): void;
}

type SliceArgs = Parameters<SliceCreator<ProfilesSlice>>;

/** One action per profile at a time: its buttons wait while `call` runs, and a failure becomes a toast. */
async function busyWhile(
  set: SliceArgs[0],
  get: SliceArgs[1],
  id: string,
  busy: ProfileBusy,
  failure: string,
  call: () => Promise<ProfileSnapshot>,
): Promise<void> {
  if (get().profileBusy[id]) return;
  set((state) => ({ profileBusy: { ...state.profileBusy, [id]: busy } }));
  await attempt(get, failure, async () => get().applyProfile(await call()), undefined);
  set((state) => {
    const { [id]: _done, ...profileBusy } = state.profileBusy;
    return { profileBusy };
  });
}

export const createProfilesSlice: SliceCreator<ProfilesSlice> = (set, get) => ({
  profiles: [],
  frames: {},
  profileBusy: {},
  seeding: null,
  livePages: false,
  landedWebhooks: {},
  widgetScript: 'embed',
  setWidgetScript: (widgetScript) => set({ widgetScript }),
  loadProfiles: () =>
    attempt(
      get,
      'Could not load the profiles',
      async () => {
        const profiles = (await get().client.call('profiles.list')).filter((p) => p.status !== 'closed');
        set({ profiles });
        if (get().livePages) return;
        // Pictures stream only when a page changes: ask once for those this window has not seen yet
        // (a refused page too: its widget shows why).
        await Promise.all(
          profiles
            .filter((p) => (p.status === 'connected' || p.status === 'error') && get().frames[p.id] === undefined)
            .map((p) =>
              get()
                .client.call('profiles.capture', { id: p.id })
                .then(
                  ({ dataUrl }) => get().frames[p.id] === undefined && get().setFrame(p.id, dataUrl),
                  () => undefined,
                ),
            ),
        );
      },
      undefined,
    ),
  openProfile: (input) =>
    attempt(
      get,
      `Could not open a “${KIND_INFO[input.kind].name}” profile`,
      async () => {
        const script = input.script ?? get().widgetScript;
        const profile = await get().client.call('profiles.open', script === 'embed' ? input : { ...input, script });
        get().applyProfile(profile);
        return profile;
      },
      null,
    ),
  seedStory: async (botId) => {
    if (get().seeding) return;
    set({ seeding: { done: 0, total: SEED_STORY.length } });
    try {
      // One after the other: each browser starting at once would compete for the CPU and time out.
      for (const [index, step] of SEED_STORY.entries()) {
        const opened = await get().openProfile({ ...step, botId });
        if (!opened) break;
        set({ seeding: { done: index + 1, total: SEED_STORY.length } });
      }
    } finally {
      set({ seeding: null });
    }
  },
  runProfileAction: (id, action, identity) =>
    busyWhile(set, get, id, action, `${PANE_ACTIONS[action].label} failed`, () =>
      action === 'restart' && identity !== undefined
        ? get().client.call('profiles.restart', { id, identity })
        : get().client.call(PANE_ACTIONS[action].method, { id }),
    ),
  loginProfile: (id, externalUserId) =>
    busyWhile(set, get, id, 'login', `Could not log in as ${externalUserId}`, () => get().client.call('profiles.login', { id, externalUserId })),
  logoutProfile: (id) => busyWhile(set, get, id, 'logout', 'Could not log out', () => get().client.call('profiles.logout', { id })),
  sendAsVisitor: (id, text) =>
    attempt(
      get,
      'Could not send as the visitor',
      async () => {
        get().applyProfile(await get().client.call('profiles.sendMessage', { id, text }));
        return true;
      },
      false,
    ),
  sendProfileInput: async (id, input) => {
    await attempt(get, 'Could not forward the input to the page', () => get().client.call('profiles.input', { id, input }), undefined);
  },
  applyProfile: (profile) =>
    set((state) => {
      const index = state.profiles.findIndex((p) => p.id === profile.id);
      if (profile.status === 'closed') {
        if (index < 0) return {};
        const { [profile.id]: _gone, ...frames } = state.frames;
        return { profiles: state.profiles.filter((p) => p.id !== profile.id), frames };
      }
      return { profiles: index < 0 ? [...state.profiles, profile] : state.profiles.with(index, profile) };
    }),
  setFrame: (profileId, dataUrl) =>
    set((state) => (state.profiles.some((p) => p.id === profileId) ? { frames: { ...state.frames, [profileId]: dataUrl } } : {})),
  noteWebhookLanding: (message) =>
    set((state) => {
      if (message.direction !== 'out' || message.source !== 'webhook') return {};
      const current = state.landedWebhooks[message.responsePath];
      // A late copy of an older message, or the current one again, changes nothing.
      if (current && message.seq <= current.seq) return {};
      const landed: LandedWebhook = { messageId: message.id, seq: message.seq, text: message.text, at: message.createdAt };
      return { landedWebhooks: { ...state.landedWebhooks, [message.responsePath]: landed } };
    }),
});
