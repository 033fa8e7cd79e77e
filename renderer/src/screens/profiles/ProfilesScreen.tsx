import { useEffect, useRef, useState } from 'react';
import type { OpenProfileInput, ProfileKind } from '../../../../main/api/contract.ts';
import { PlusIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { useMenuList } from '../../hooks/use-menu-list.ts';
import { IDENTITY_LAB_KINDS, isPromptedKind, KIND_INFO, PROFILE_KIND_ORDER, type PromptedKind } from '../../lib/kinds.ts';
import { useApp } from '../../store/context.tsx';
import { BrowserMissing } from './BrowserMissing.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { IdentityMatrix } from './IdentityMatrix.tsx';
import { OpenProfileDialog } from './OpenProfileDialog.tsx';
import { ProfilePane } from './ProfilePane.tsx';
import { RecordControl } from './RecordControl.tsx';

export function ProfilesScreen() {
  const bots = useApp((s) => s.bots);
  const botId = useApp((s) => s.selectedBotId);
  const profiles = useApp((s) => s.profiles);
  const openProfile = useApp((s) => s.openProfile);
  const seedStory = useApp((s) => s.seedStory);
  const seeding = useApp((s) => s.seeding);
  const widgetScript = useApp((s) => s.widgetScript);
  const setWidgetScript = useApp((s) => s.setWidgetScript);
  const setScreen = useApp((s) => s.setScreen);
  const browser = useApp((s) => s.info?.browser);
  // No browser on this machine: say what to install; nothing can open until Retry finds one.
  const missing = browser && !browser.ready ? browser : null;
  const canOpen = botId !== null && missing === null;
  const [prompt, setPrompt] = useState<PromptedKind | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [opening, setOpening] = useState<Partial<Record<ProfileKind, number>>>({});
  useShortcut('new-profile', () => canOpen && setMenuOpen(true));

  const start = (kind: ProfileKind) => {
    setMenuOpen(false);
    if (!botId) return;
    if (isPromptedKind(kind)) setPrompt(kind);
    else void open({ kind, botId });
  };
  const open = async (input: OpenProfileInput) => {
    setOpening((o) => ({ ...o, [input.kind]: (o[input.kind] ?? 0) + 1 }));
    await openProfile(input);
    setOpening((o) => ({ ...o, [input.kind]: (o[input.kind] ?? 1) - 1 }));
  };
  const botNames = bots.length > 1 ? new Map(bots.map((b) => [b.botId, b.name])) : null;
  useFocusAfterClose(profiles.length);

  return (
    <div className="profiles-screen">
      <div className="toolbar profiles-toolbar" role="toolbar" aria-label="Open a profile">
        <div className="kind-group" role="group" aria-label="Open a profile of the seed story">
          <span className="toolbar-label">Open profile</span>
          {PROFILE_KIND_ORDER.map((kind) => (
            <KindButton key={kind} kind={kind} busy={(opening[kind] ?? 0) > 0} disabled={!canOpen} onClick={() => start(kind)} />
          ))}
        </div>
        <span className="toolbar-spacer" />
        <label className="script-choice" title="Which Flow XO script the next profiles’ pages embed; the seed story runs on either">
          <span className="toolbar-label">Script</span>
          <select
            data-testid="widget-script"
            value={widgetScript}
            onChange={(e) => setWidgetScript(e.target.value === 'loader' ? 'loader' : 'embed')}
          >
            <option value="embed">embed.js (legacy)</option>
            <option value="loader">loader.js (current)</option>
          </select>
        </label>
        <NewProfileMenu open={menuOpen} onOpenChange={setMenuOpen} onPick={start} disabled={!canOpen} />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="seed-story"
          disabled={!canOpen || seeding !== null}
          title="Opens Same browser, Incognito, Other device, External ID ×2 and Metadata: the whole identity story"
          onClick={() => botId && void seedStory(botId)}
        >
          {seeding ? `Seeding ${seeding.done}/${seeding.total}…` : 'Seed story'}
        </button>
        <RecordControl />
        {/* Its own row under the seed story's kinds: the story stays first and on one line. */}
        <div className="kind-group kind-group-lab" role="group" aria-label="Identity lab">
          <span className="toolbar-label">Identity lab</span>
          {IDENTITY_LAB_KINDS.map((kind) => (
            <KindButton key={kind} kind={kind} busy={(opening[kind] ?? 0) > 0} disabled={!canOpen} onClick={() => start(kind)} />
          ))}
        </div>
      </div>

      {missing ? <BrowserMissing status={missing} /> : null}
      {bots.length === 0 ? (
        <div className="empty" data-testid="profiles-empty">
          <p className="empty-title">No bots yet</p>
          <p className="muted">Profiles show a bot’s widget. Create a bot first, or import one with its production embed code.</p>
          <button type="button" className="btn btn-primary" onClick={() => setScreen('bots')}>
            <PlusIcon /> Create a bot
          </button>
        </div>
      ) : profiles.length === 0 && missing ? null : profiles.length === 0 ? (
        <div className="empty" data-testid="profiles-empty">
          <p className="empty-title">No profiles yet — open one, or press Seed story to open the whole identity story</p>
          <p className="muted">
            Each profile is a separate browser with its own storage. Watch the identity matrix to see which actions keep a visitor’s Channel ID.
          </p>
        </div>
      ) : (
        <>
          <IdentityMatrix profiles={profiles} />
          <FindingsPanel />
          {/* Headings go h1 → h2 → h3 (the panes' labels) for screen readers' heading lists. */}
          <h2 className="visually-hidden">Open profiles</h2>
          <div className="pane-grid">
            {profiles.map((profile) => (
              <ProfilePane key={profile.id} profile={profile} botName={botNames?.get(profile.botId) ?? null} />
            ))}
          </div>
        </>
      )}

      {prompt && botId ? (
        <OpenProfileDialog
          kind={prompt}
          botId={botId}
          onClose={() => setPrompt(null)}
          onOpen={(input) => {
            setPrompt(null);
            void open(input);
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * A closed pane takes its focused Close button with it: focus would fall to the page's start.
 * Put it on the first open pane's first action instead, or on "New profile" when none is left.
 */
function useFocusAfterClose(count: number): void {
  const previous = useRef(count);
  useEffect(() => {
    const closed = count < previous.current;
    previous.current = count;
    if (!closed || (document.activeElement && document.activeElement !== document.body)) return;
    const next = document.querySelector<HTMLElement>('[data-testid="profile-pane"] .pane-actions button:not(:disabled)');
    (next ?? document.querySelector<HTMLElement>('[data-testid="new-profile-menu-button"]'))?.focus();
  }, [count]);
}

function KindButton({ kind, busy, disabled, onClick }: { kind: ProfileKind; busy: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      className={`btn kind-btn kind-${kind}${busy ? ' is-busy' : ''}`}
      data-testid={`open-profile-${kind}`}
      title={KIND_INFO[kind].expectation}
      disabled={disabled}
      onClick={onClick}
    >
      <span className={`kind-swatch kind-${kind}`} aria-hidden="true" />
      {KIND_INFO[kind].name}
    </button>
  );
}

/** Every kind in the "n" menu, seed story first: its number is its key. */
const MENU_KINDS: readonly ProfileKind[] = [...PROFILE_KIND_ORDER, ...IDENTITY_LAB_KINDS];

/** The "n" menu: every kind, chosen with arrows and Enter or its number. */
function NewProfileMenu({
  open,
  onOpenChange,
  onPick,
  disabled,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (kind: ProfileKind) => void;
  disabled: boolean;
}) {
  const menu = useMenuList(
    () => onOpenChange(false),
    (key) => {
      if (!/^[1-9]$/.test(key) || Number(key) > MENU_KINDS.length) return false;
      onPick(MENU_KINDS[Number(key) - 1]!);
      return true;
    },
  );
  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="new-profile-menu-button"
        disabled={disabled}
        title="New profile (n)"
        onClick={() => onOpenChange(!open)}
      >
        <PlusIcon /> New profile <kbd>n</kbd>
      </button>
      {open ? (
        <ul className="menu" role="menu" data-testid="new-profile-menu" {...menu}>
          {MENU_KINDS.map((kind, i) => (
            <li key={kind} role="none" className={i === PROFILE_KIND_ORDER.length ? 'menu-group-start' : undefined}>
              <button type="button" role="menuitem" onClick={() => onPick(kind)}>
                <kbd>{i + 1}</kbd>
                <span className={`kind-swatch kind-${kind}`} aria-hidden="true" />
                <span>{KIND_INFO[kind].name}</span>
                <span className="muted small">{KIND_INFO[kind].expectation}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
