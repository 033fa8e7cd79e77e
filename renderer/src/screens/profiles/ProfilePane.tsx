import { memo, useRef, useState, type ReactNode } from 'react';
import type { ProfileSnapshot, RestartIdentity } from '../../../../main/api/contract.ts';
import { BotbenchBadge, KindBadge, StatusDot } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CloseIcon, EraseIcon, PowerIcon, ReloadIcon, ResetIcon, SendIcon } from '../../components/icons.tsx';
import { useNow } from '../../hooks/use-now.ts';
import { useOverlay } from '../../hooks/use-overlay.ts';
import { refusalReason } from '../../lib/refusal.ts';
import { ANONYMOUS_ID_EXPECTED, formatResponsePath, isAnonymousChannelId } from '../../lib/response-path.ts';
import { fullTime, relativeTime } from '../../lib/time.ts';
import { FindingsBadge } from './FindingsPanel.tsx';
import { useApp } from '../../store/context.tsx';
import { PANE_ACTIONS, RESTART_CHOICES, type LandedWebhook, type PaneAction, type ProfileBusy } from '../../store/profiles-slice.ts';
import { IdentityTimeline } from './IdentityTimeline.tsx';
import { ProfileFrame } from './ProfileFrame.tsx';
import { SitePolicyNotice } from './SitePolicyNotice.tsx';

const ICONS: Record<PaneAction, ReactNode> = {
  reload: <ReloadIcon />,
  restart: <PowerIcon />,
  clear: <EraseIcon />,
  reset: <ResetIcon />,
  close: <CloseIcon />,
};

/** One simulated browser: who it is now, what it shows, what to do with it, and what happened to its identity. */
export const ProfilePane = memo(function ProfilePane({ profile, botName }: { profile: ProfileSnapshot; botName: string | null }) {
  const busy = useApp((s) => s.profileBusy[profile.id]);
  const run = useApp((s) => s.runProfileAction);
  const waiting = profile.status === 'connecting' || profile.status === 'opening';
  return (
    <article
      className={`pane kind-${profile.kind}`}
      data-testid="profile-pane"
      data-profile-id={profile.id}
      data-kind={profile.kind}
      aria-label={profile.label}
    >
      <header className="pane-head">
        <StatusDot status={profile.status} testId="pane-status" />
        <h3 className="pane-label">{profile.label}</h3>
        <KindBadge kind={profile.kind} />
        {profile.script === 'loader' ? (
          <span className="muted small mono" data-testid="pane-script" title="The page embeds Flow XO's current loader.js (FlowXO)">
            loader.js
          </span>
        ) : null}
        {botName ? <span className="muted small pane-bot">{botName}</span> : null}
        <FindingsBadge profile={profile} />
      </header>
      <div className="pane-identity">
        <div className="field-label">Channel ID</div>
        <div className="pane-channel-id mono" data-testid="pane-channel-id">
          {profile.channelId ?? <span className="muted">{waiting ? 'connecting…' : '—'}</span>}
        </div>
        <div className="field-label">Response Path</div>
        <div className="pane-path-row">
          <code className="pane-response-path" data-testid="pane-response-path">
            {profile.responsePath ?? '—'}
          </code>
          {profile.responsePath ? <CopyButton text={profile.responsePath} label="response path" /> : null}
        </div>
        {profile.externalUserId ? (
          <div className="small muted">
            {EXTERNAL_ID_TEXT[profile.kind] ?? 'External user ID'} <code>{profile.externalUserId}</code>
          </div>
        ) : null}
        {profile.status === 'error' && profile.channelId !== null ? (
          <div className="pane-stale" data-testid="pane-stale">
            Not connected: the last ID the widget had, not who this page is now.
          </div>
        ) : null}
        {profile.metadata ? (
          <div className="small muted">
            Metadata <code>{JSON.stringify(profile.metadata)}</code>
          </div>
        ) : null}
        {profile.error && !(profile.kind === 'impersonator' && refusalReason(profile) !== null) ? (
          <div className="pane-error" role="alert">
            {profile.error}
          </div>
        ) : null}
      </div>
      {profile.kind === 'impersonator' ? <Impersonation profile={profile} /> : null}
      {profile.kind === 'storage-blocked' ? (
        <p className="pane-lab-note" data-testid="pane-storage-blocked">
          <strong>Storage blocked:</strong> every load is a new visitor.
        </p>
      ) : null}
      {profile.kind === 'login' ? <LoginControls profile={profile} busy={busy} /> : null}
      <SitePolicyNotice policy={profile.sitePolicy} />
      <div className="pane-actions" role="toolbar" aria-label={`Actions for ${profile.label}`}>
        {(Object.keys(PANE_ACTIONS) as PaneAction[]).map((action) =>
          action === 'restart' ? (
            <RestartButton key={action} profile={profile} busy={busy} disabled={waiting || busy !== undefined} />
          ) : (
            <button
              key={action}
              type="button"
              className={`btn btn-small${action === 'close' ? ' btn-quiet' : ''}${busy === action ? ' is-busy' : ''}`}
              data-testid={`pane-action-${action}`}
              title={PANE_ACTIONS[action].title}
              disabled={waiting || busy !== undefined}
              onClick={() => void run(profile.id, action)}
            >
              {ICONS[action]}
              <span>{PANE_ACTIONS[action].label}</span>
            </button>
          ),
        )}
      </div>
      <WebhookLanding responsePath={profile.responsePath} />
      <ProfileFrame profileId={profile.id} label={profile.label} />
      <p className="pane-note">Browser mode shows a live picture of the profile&rsquo;s page; in the desktop app the page is embedded live.</p>
      <SendAsVisitor profileId={profile.id} disabled={profile.status !== 'connected'} />
      <section className="pane-timeline">
        <h4 className="section-title">Identity timeline</h4>
        <IdentityTimeline timeline={profile.timeline} />
      </section>
    </article>
  );
});

/** What the line under the Channel ID calls the profile's external user ID, where "External user ID" would mislead. */
const EXTERNAL_ID_TEXT: Partial<Record<ProfileSnapshot['kind'], string>> = {
  impersonator: 'Claims external user ID',
  login: 'Logs in as',
};

/**
 * The impersonator in plain words: connected means the platform let a page without the site's
 * userHash into someone's conversation; refused means identity verification stopped it.
 */
function Impersonation({ profile }: { profile: ProfileSnapshot }) {
  const id = profile.externalUserId ?? '?';
  const reason = refusalReason(profile);
  if (reason !== null) {
    return (
      <p className="pane-lab-banner lab-refused" data-testid="pane-impersonation" data-state="refused" role="status">
        <strong>Refused:</strong> {reason.replace(/\.$/, '')} — identity verification is on. <BotbenchBadge what="Identity verification" />
      </p>
    );
  }
  if (profile.status === 'connected' && profile.channelKind === 'external') {
    return (
      <p className="pane-lab-banner lab-breached" data-testid="pane-impersonation" data-state="connected" role="status">
        <strong>Impersonating {id}:</strong> with identity verification off, this page is in {id}’s conversation — what an attacker can do.
      </p>
    );
  }
  return (
    <p className="pane-lab-banner" data-testid="pane-impersonation" data-state="pending" role="status">
      Claims to be <strong>{id}</strong> without a userHash…
    </p>
  );
}

/** A login page's own buttons, pressed from the workbench: in as the profile's user (signed, as the site's server would), or out. */
function LoginControls({ profile, busy }: { profile: ProfileSnapshot; busy: ProfileBusy | undefined }) {
  const login = useApp((s) => s.loginProfile);
  const logout = useApp((s) => s.logoutProfile);
  const id = profile.externalUserId;
  const idle = profile.status === 'connected' && busy === undefined;
  const loggedIn = profile.channelKind === 'external';
  return (
    <div className="pane-login" role="group" aria-label="Log the visitor in or out">
      <span className="small muted" data-testid="pane-login-state">
        {profile.channelKind === null ? 'Not connected' : loggedIn ? `Logged in as ${profile.channelId ?? id ?? '?'}` : 'Anonymous visitor'}
      </span>
      <span className="toolbar-spacer" />
      {id ? (
        <button
          type="button"
          className={`btn btn-small${busy === 'login' ? ' is-busy' : ''}`}
          data-testid="pane-login"
          title={`Log in as ${id}: the page identifies the visitor with the userHash its server computes`}
          disabled={!idle || loggedIn}
          onClick={() => void login(profile.id, id)}
        >
          Log in as {id}
        </button>
      ) : null}
      <button
        type="button"
        className={`btn btn-small${busy === 'logout' ? ' is-busy' : ''}`}
        data-testid="pane-logout"
        title="Log out: the page forgets the user and the widget goes back to an anonymous visitor"
        disabled={!idle || !loggedIn}
        onClick={() => void logout(profile.id)}
      >
        Log out
      </button>
    </div>
  );
}

/** "Restart browser" keeps the ID; its ▾ offers a new ID or a typed one (the Bot Framework Emulator's most asked identity feature). */
function RestartButton({ profile, busy, disabled }: { profile: ProfileSnapshot; busy: ProfileBusy | undefined; disabled: boolean }) {
  const run = useApp((s) => s.runProfileAction);
  const [menuOpen, setMenuOpen] = useState(false);
  const [typing, setTyping] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const restart = (identity?: RestartIdentity) => {
    setMenuOpen(false);
    void run(profile.id, 'restart', identity);
  };
  return (
    <div className="split-btn menu-anchor">
      <button
        type="button"
        className={`btn btn-small split-main${busy === 'restart' ? ' is-busy' : ''}`}
        data-testid="pane-action-restart"
        title={PANE_ACTIONS.restart.title}
        disabled={disabled}
        onClick={() => restart()}
      >
        {ICONS.restart}
        <span>{PANE_ACTIONS.restart.label}</span>
      </button>
      <button
        ref={toggleRef}
        type="button"
        className="btn btn-small split-toggle"
        data-testid="pane-restart-menu"
        aria-label="Restart with which ID"
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        title="Restart with the same ID, a new ID, or one you type"
        disabled={disabled}
        onClick={() => setMenuOpen(!menuOpen)}
      >
        ▾
      </button>
      {menuOpen ? (
        <RestartMenu
          onPick={(mode) => {
            if (mode === 'typed') {
              setMenuOpen(false);
              setTyping(true);
            } else restart({ mode });
          }}
          onClose={(refocus, to) => {
            // Focus moving to ▾ is its own click closing the menu: closing here too would reopen it.
            if (to !== null && to === toggleRef.current) return;
            setMenuOpen(false);
            if (refocus) toggleRef.current?.focus();
          }}
        />
      ) : null}
      {typing ? (
        <RestartTypedDialog
          profile={profile}
          onClose={() => setTyping(false)}
          onRestart={(channelId) => {
            setTyping(false);
            restart({ mode: 'typed', channelId });
          }}
        />
      ) : null}
    </div>
  );
}

const RESTART_MODES = Object.keys(RESTART_CHOICES) as Array<RestartIdentity['mode']>;

function RestartMenu({
  onPick,
  onClose,
}: {
  onPick: (mode: RestartIdentity['mode']) => void;
  /** `refocus`: put focus back on ▾ (Escape); `to`: where focus went, when it left the menu. */
  onClose: (refocus: boolean, to: Element | null) => void;
}) {
  // Drawn over the pane: the desktop app's live pages step aside while it is open.
  useOverlay();
  const listRef = useRef<HTMLUListElement | null>(null);
  const focusItem = (index: number) => {
    const items = listRef.current?.querySelectorAll<HTMLButtonElement>('button');
    if (!items || items.length === 0) return;
    items[(index + items.length) % items.length]?.focus();
  };
  return (
    <ul
      className="menu menu-left restart-menu"
      role="menu"
      aria-label="Restart browser with"
      ref={(node) => {
        listRef.current = node;
        if (node && !node.contains(document.activeElement)) node.querySelector<HTMLButtonElement>('button')?.focus();
      }}
      onKeyDown={(e) => {
        const items = [...(listRef.current?.querySelectorAll('button') ?? [])];
        const index = items.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === 'Escape') onClose(true, null);
        else if (e.key === 'ArrowDown') focusItem(index + 1);
        else if (e.key === 'ArrowUp') focusItem(index - 1);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onBlur={(e) => {
        const to = e.relatedTarget as Element | null;
        if (!e.currentTarget.contains(to)) onClose(false, to);
      }}
    >
      {RESTART_MODES.map((mode) => (
        <li key={mode} role="none">
          <button type="button" role="menuitem" data-testid={`pane-restart-${mode}`} onClick={() => onPick(mode)}>
            <span>{RESTART_CHOICES[mode].label}</span>
            <span className="muted small">{RESTART_CHOICES[mode].title}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Asks for the Channel ID the restarted browser comes back with, checked as the platform will check it. */
function RestartTypedDialog({
  profile,
  onRestart,
  onClose,
}: {
  profile: ProfileSnapshot;
  onRestart: (channelId: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(profile.channelId ?? '');
  const channelId = value.trim();
  const ok = isAnonymousChannelId(channelId);
  return (
    <Dialog title={`Restart “${profile.label}” with a typed ID`} onClose={onClose} testId="restart-typed-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) onRestart(channelId);
        }}
      >
        <p className="muted small">
          The browser is closed, this Channel ID is written into its storage as the widget would keep it, and the page opens again: the widget should
          come back as exactly this visitor. Only an anonymous ID of the form the platform issues comes back; any other stored ID gets a new one, so
          nobody can claim an external or provider user’s ID.
        </p>
        <label className="field">
          <span className="field-label">Channel ID</span>
          <input
            className="mono"
            data-testid="restart-typed-input"
            value={value}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!ok}
            onFocus={(e) => e.currentTarget.select()}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        {ok ? (
          <p className="check check-ok" data-testid="restart-typed-check" data-valid="true" role="status">
            ✓ Comes back as <code>{formatResponsePath(profile.botId, channelId)}</code>
          </p>
        ) : (
          <p className="check check-bad" data-testid="restart-typed-check" data-valid="false" role="status">
            ✗ A typed ID must be an anonymous Channel ID: {ANONYMOUS_ID_EXPECTED}.
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="restart-typed-submit" disabled={!ok}>
            Restart with this ID
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function SendAsVisitor({ profileId, disabled }: { profileId: string; disabled: boolean }) {
  const send = useApp((s) => s.sendAsVisitor);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  return (
    <form
      className="pane-send"
      onSubmit={(e) => {
        e.preventDefault();
        const message = text.trim();
        if (!message || sending) return;
        setSending(true);
        void send(profileId, message).then((ok) => {
          setSending(false);
          if (ok) setText('');
        });
      }}
    >
      <input
        type="text"
        data-testid="pane-send-input"
        aria-label="Message to send as the visitor"
        placeholder="Send as visitor…"
        value={text}
        maxLength={4000}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="icon-btn" aria-label="Send as visitor" disabled={disabled || sending || text.trim() === ''}>
        <SendIcon />
      </button>
    </form>
  );
}

/**
 * The last webhook message that reached this pane's response path: where a webhook landed, at a
 * glance. The slot is always there, so the live page below it (desktop app) never moves.
 */
function WebhookLanding({ responsePath }: { responsePath: string | null }) {
  const landed = useApp((s) => (responsePath === null ? undefined : s.landedWebhooks[responsePath]));
  if (!landed) {
    return <div className="pane-webhook pane-webhook-none">No webhook has landed here yet</div>;
  }
  // Keyed by message: a new one mounts afresh, which replays the flash.
  return <LandedStrip key={landed.messageId} landed={landed} />;
}

/** Flashes when the message is new, not when a pane is drawn again for an old one. */
const FRESH_MS = 3000;

function LandedStrip({ landed }: { landed: LandedWebhook }) {
  const now = useNow(1000);
  const [fresh] = useState(() => Date.now() - landed.at < FRESH_MS);
  return (
    <div
      className={`pane-webhook pane-webhook-landed${fresh ? ' flash' : ''}`}
      data-testid="pane-last-webhook"
      data-message-id={landed.messageId}
      role="status"
      title={`${landed.text}\n${fullTime(landed.at)}`}
    >
      <span className="pane-webhook-label">Webhook landed</span>
      <span aria-hidden="true">·</span>
      <span className="pane-webhook-text">“{landed.text}”</span>
      <span aria-hidden="true">·</span>
      <time className="pane-webhook-time">{relativeTime(landed.at, Math.max(now, landed.at))}</time>
    </div>
  );
}
