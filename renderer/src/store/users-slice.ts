import type { ApiErrorPayload } from '../../../main/api/contract.ts';
import type { ChannelType, Message, User, UserStatus } from '../../../main/platform/model.ts';
import { downloadText } from '../lib/download.ts';
import { toApiError } from '../transport/api-error.ts';
import { attempt } from './attempt.ts';
import type { SliceCreator } from './types.ts';

export interface UsersSlice {
  users: User[];
  /** The text of the Users filter box (also sent to the server as `q`). */
  userQuery: string;
  selectedUserPath: string | null;
  transcript: Message[];
  transcriptLoading: boolean;
  loadUsers(): Promise<void>;
  setUserQuery(query: string): void;
  openUser(responsePath: string): Promise<void>;
  closeUser(): void;
  applyUser(user: User): void;
  applyMessage(message: Message): void;
  /** Flow XO's users "Export": downloads the users of this bot (all bots when null) matching the filter, as CSV. */
  exportUsers(botId: string | null): Promise<void>;
  /** Flow XO's "Clear attributes". */
  clearUserAttributes(responsePath: string): Promise<void>;
  /** Flow XO's "Make active/unreachable". */
  setUserStatus(responsePath: string, status: UserStatus): Promise<void>;
  /** The Users API's create-a-user call; the refusal is returned for the form to show. */
  createUser(input: {
    botId: string;
    channelId: string;
    name?: string | undefined;
    channel?: ChannelType | undefined;
  }): Promise<{ ok: true; user: User; created: boolean } | { ok: false; error: ApiErrorPayload }>;
}

// Answers to older queries are dropped: only the latest typed filter counts.
let usersRequest = 0;

export const createUsersSlice: SliceCreator<UsersSlice> = (set, get) => ({
  users: [],
  userQuery: '',
  selectedUserPath: null,
  transcript: [],
  transcriptLoading: false,
  loadUsers: async () => {
    const request = ++usersRequest;
    const q = get().userQuery.trim();
    // Not attempt(): the failure of a query a newer one replaced is not worth a toast.
    try {
      const users = await get().client.call('users.list', q ? { q } : {});
      if (request === usersRequest) set({ users });
    } catch (error) {
      if (request === usersRequest) get().reportError(error, 'Could not load the users');
    }
  },
  setUserQuery: (userQuery) => set({ userQuery }),
  openUser: async (responsePath) => {
    set({ selectedUserPath: responsePath, transcript: [], transcriptLoading: true });
    const transcript = await attempt(get, 'Could not load the transcript', () => get().client.call('users.transcript', { responsePath }), null);
    // Another user was opened meanwhile: its own load owns the transcript.
    if (get().selectedUserPath !== responsePath) return;
    // Messages that arrived as events while loading are kept.
    set((state) => ({ transcript: transcript ? mergeMessages(transcript, state.transcript) : state.transcript, transcriptLoading: false }));
  },
  closeUser: () => set({ selectedUserPath: null, transcript: [], transcriptLoading: false }),
  applyUser: (user) =>
    set((state) => {
      const index = state.users.findIndex((u) => u.responsePath === user.responsePath);
      return { users: index < 0 ? [user, ...state.users] : state.users.with(index, user) };
    }),
  exportUsers: async (botId) => {
    const q = get().userQuery.trim();
    await attempt(
      get,
      'Could not export the users',
      async () => {
        const file = await get().client.call('users.exportCsv', { ...(botId ? { botId } : {}), ...(q ? { q } : {}) });
        downloadText(file.fileName, file.content, file.mime);
      },
      undefined,
    );
  },
  clearUserAttributes: (responsePath) =>
    attempt(
      get,
      'Could not clear the attributes',
      async () => get().applyUser(await get().client.call('users.clearAttributes', { responsePath })),
      undefined,
    ),
  setUserStatus: (responsePath, status) =>
    attempt(
      get,
      'Could not change the user’s status',
      async () => get().applyUser(await get().client.call('users.setStatus', { responsePath, status })),
      undefined,
    ),
  createUser: async (input) => {
    // Not attempt(): the refusal is the answer, shown in the Add user form beside its fields.
    try {
      const { user, created } = await get().client.call('users.create', input);
      get().applyUser(user);
      return { ok: true, user, created };
    } catch (error) {
      const { code, message, expected, field } = toApiError(error);
      return { ok: false, error: { code, message, expected, field } };
    }
  },
  applyMessage: (message) =>
    set((state) => (state.selectedUserPath === message.responsePath ? { transcript: mergeMessages(state.transcript, [message]) } : {})),
});

/** Both lists merged by message id (a later copy wins, e.g. once delivered), ordered by seq. */
export function mergeMessages(a: readonly Message[], b: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of a) byId.set(message.id, message);
  for (const message of b) byId.set(message.id, message);
  return [...byId.values()].sort((x, y) => x.seq - y.seq || x.createdAt - y.createdAt);
}
