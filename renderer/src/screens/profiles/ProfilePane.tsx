import { memo, useState, type ReactNode } from 'react';
import type { ProfileSnapshot } from '../../../../main/api/contract.ts';
import { KindBadge, StatusDot } from '../../components/badges.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { CloseIcon, EraseIcon, PowerIcon, ReloadIcon, ResetIcon, SendIcon } from '../../components/icons.tsx';
import { useNow } from '../../hooks/use-now.ts';
import { fullTime, relativeTime } from '../../lib/time.ts';
import { useApp } from '../../store/context.tsx';
import { PANE_ACTIONS, type LandedWebhook, type PaneAction } from '../../store/profiles-slice.ts';
import { IdentityTimeline } from './IdentityTimeline.tsx';
import { ProfileFrame } from './ProfileFrame.tsx';

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
        {botName ? <span className="muted small pane-bot">{botName}</span> : null}
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
            External user ID <code>{profile.externalUserId}</code>
          </div>
        ) : null}
        {profile.metadata ? (
          <div className="small muted">
            Metadata <code>{JSON.stringify(profile.metadata)}</code>
          </div>
        ) : null}
        {profile.error ? (
          <div className="pane-error" role="alert">
            {profile.error}
          </div>
        ) : null}
      </div>
      <div className="pane-actions" role="toolbar" aria-label={`Actions for ${profile.label}`}>
        {(Object.keys(PANE_ACTIONS) as PaneAction[]).map((action) => (
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
        ))}
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
