import { useEffect, useMemo, useRef, useState } from 'react';
import type { User } from '../../../../main/platform/model.ts';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { useNow } from '../../hooks/use-now.ts';
import { compactJson } from '../../lib/json.ts';
import { relativeTime, fullTime } from '../../lib/time.ts';
import { userMatches } from '../../lib/user-filter.ts';
import { useApp } from '../../store/context.tsx';
import { UserDrawer } from './UserDrawer.tsx';

/** Typing waits this long before asking the server, so each key does not make a request. */
const QUERY_DELAY_MS = 250;

export function UsersScreen() {
  const users = useApp((s) => s.users);
  const query = useApp((s) => s.userQuery);
  const setQuery = useApp((s) => s.setUserQuery);
  const loadUsers = useApp((s) => s.loadUsers);
  const selectedBotId = useApp((s) => s.selectedBotId);
  const selectedPath = useApp((s) => s.selectedUserPath);
  const openUser = useApp((s) => s.openUser);
  const [allBots, setAllBots] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);
  const now = useNow();
  useShortcut('focus-filter', () => filterRef.current?.focus());

  const firstRun = useRef(true);
  useEffect(() => {
    if (firstRun.current) {
      firstRun.current = false;
      return;
    }
    const timer = setTimeout(() => void loadUsers(), QUERY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, loadUsers]);

  const shown = useMemo(
    () => users.filter((u) => (allBots || selectedBotId === null || u.botId === selectedBotId) && userMatches(u, query)),
    [users, query, allBots, selectedBotId],
  );

  return (
    <div className="users-screen">
      <div className="toolbar">
        <input
          ref={filterRef}
          type="search"
          className="filter-input"
          data-testid="users-filter"
          aria-label="Filter users"
          placeholder="Filter by response path, metadata, attributes…  ( / )"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="check-label">
          <input type="checkbox" checked={allBots} onChange={(e) => setAllBots(e.target.checked)} /> All bots
        </label>
        <span className="toolbar-spacer" />
        <span className="muted small" data-testid="users-count">
          {shown.length} of {users.length} users
        </span>
      </div>
      {shown.length === 0 ? (
        <div className="empty">
          <p className="empty-title">{users.length === 0 ? 'No users yet' : 'No user matches the filter'}</p>
          <p className="muted">A user appears when a widget connects: open a profile on the Profiles screen.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table users-table">
            <thead>
              <tr>
                <th scope="col">Response path</th>
                <th scope="col">Kind</th>
                <th scope="col">First seen</th>
                <th scope="col">Last seen</th>
                <th scope="col">Online</th>
                <th scope="col">Metadata</th>
                <th scope="col">Attributes</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((user) => (
                <UserRow key={user.responsePath} user={user} now={now} selected={user.responsePath === selectedPath} onOpen={openUser} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selectedPath ? <UserDrawer /> : null}
    </div>
  );
}

function UserRow({ user, now, selected, onOpen }: { user: User; now: number; selected: boolean; onOpen: (path: string) => Promise<void> }) {
  return (
    <tr
      className={`clickable${selected ? ' selected' : ''}`}
      data-testid="user-row"
      data-response-path={user.responsePath}
      tabIndex={0}
      aria-selected={selected}
      onClick={() => void onOpen(user.responsePath)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          void onOpen(user.responsePath);
        }
      }}
    >
      <td className="mono">
        {user.responsePath}
        {user.linkedTo ? (
          <span className="badge linked-badge" data-testid="user-linked-marker" title={`Logged in as ${user.linkedTo}`}>
            linked
          </span>
        ) : null}
      </td>
      <td>
        <span className={`badge channel-${user.kind}`}>{user.kind}</span>
        {user.channel !== 'web' ? (
          <span className={`badge via-${user.channel}`} data-testid="user-channel" title="Authenticated by a simulated provider (People screen)">
            {user.channel === 'telegram' ? 'Telegram-like' : 'Messenger-like'}
          </span>
        ) : null}
      </td>
      <td title={fullTime(user.firstSeen)}>{relativeTime(user.firstSeen, now)}</td>
      <td title={fullTime(user.lastSeen)}>{relativeTime(user.lastSeen, now)}</td>
      <td>
        <span className={`online-dot${user.online > 0 ? ' on' : ''}`} aria-hidden="true" />
        <span title={`${user.online} widgets online`}>{user.online}</span>
      </td>
      <td className="mono small json-cell" title={JSON.stringify(user.metadata)}>
        {compactJson(user.metadata, 60)}
      </td>
      <td className="mono small json-cell" title={JSON.stringify(user.attributes)}>
        {compactJson(user.attributes, 60)}
      </td>
    </tr>
  );
}
