import type { Message, User } from '../../../main/platform/model.ts';
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
    try {
      const transcript = await get().client.call('users.transcript', { responsePath });
      if (get().selectedUserPath !== responsePath) return;
      // Messages that arrived as events while loading are kept.
      set((state) => ({ transcript: mergeMessages(transcript, state.transcript), transcriptLoading: false }));
    } catch (error) {
      if (get().selectedUserPath === responsePath) set({ transcriptLoading: false });
      get().reportError(error, 'Could not load the transcript');
    }
  },
  closeUser: () => set({ selectedUserPath: null, transcript: [], transcriptLoading: false }),
  applyUser: (user) =>
    set((state) => {
      const index = state.users.findIndex((u) => u.responsePath === user.responsePath);
      return { users: index < 0 ? [user, ...state.users] : state.users.with(index, user) };
    }),
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
