import { useEffect, useRef, useState } from 'react';
import type { OpenProfileInput, ProfileKind } from '../../../../main/api/contract.ts';
import { PlusIcon } from '../../components/icons.tsx';
import { useShortcut } from '../../hooks/shortcuts.ts';
import { useMenuList } from '../../hooks/use-menu-list.ts';
import { IDENTITY_LAB_KINDS, isPromptedKind, isSiteKind, KIND_INFO, PROFILE_KIND_ORDER, SITE_KIND_REASON, SITE_SEED_STORY } from '../../lib/kinds.ts';
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
  const sites = useApp((s) => s.sites);
  const siteUrl = useApp((s) => s.chosenSiteUrl);
  const chooseSite = useApp((s) => s.chooseSite);
  const siteName = siteUrl === null ? null : (sites.find((s) => s.url === siteUrl)?.name ?? siteUrl);
  // No browser on this machine: say what to install; nothing can open until Retry finds one.
  const missing = browser && !browser.ready ? browser : null;
  // A site's own snippet names its bot (imported on first sight): only the demo page needs one of ours.
  const canOpen = missing === null && (botId !== null || siteUrl !== null);
  const [prompt, setPrompt] = useState<{ kind: ProfileKind; focus: 'value' | 'site' } | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [opening, setOpening] = useState<Partial<Record<ProfileKind, number>>>({});
  useShortcut('new-profile', () => canOpen && setMenuOpen(true));

  /** On a chosen site only the storage kinds apply: the site's snippet decides who the visitor is. */
  const unavailable = (kind: ProfileKind) => siteUrl !== null && !isSiteKind(kind);
  const start = (kind: ProfileKind) => {
    setMenuOpen(false);
    if (unavailable(kind)) return;
    if (siteUrl !== null) void open({ kind, siteUrl });
    else if (!botId) return;
    else if (isPromptedKind(kind)) setPrompt({ kind, focus: 'value' });
    else void open({ kind, botId });
  };
  const open = async (input: OpenProfileInput, name?: string) => {
    setOpening((o) => ({ ...o, [input.kind]: (o[input.kind] ?? 0) + 1 }));
    await openProfile(input, name);
    setOpening((o) => ({ ...o, [input.kind]: (o[input.kind] ?? 1) - 1 }));
  };
  const kindTitle = (kind: ProfileKind) => (unavailable(kind) ? SITE_KIND_REASON : undefined);
  const botNames = bots.length > 1 ? new Map(bots.map((b) => [b.botId, b.name])) : null;
  useFocusAfterClose(profiles.length);

  const kindButton = (kind: ProfileKind) => (
    <KindButton
      key={kind}
      kind={kind}
      busy={(opening[kind] ?? 0) > 0}
      disabled={!canOpen || unavailable(kind)}
      title={kindTitle(kind)}
      onClick={() => start(kind)}
    />
  );

  return (
    <div className="profiles-screen">
      <div className="toolbar profiles-toolbar" role="toolbar" aria-label="Open a profile">
        <div className="kind-group" role="group" aria-label="Open a profile of the seed story">
          <span className="toolbar-label">Open profile</span>
          {PROFILE_KIND_ORDER.map(kindButton)}
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
        <NewProfileMenu open={menuOpen} onOpenChange={setMenuOpen} onPick={start} disabled={!canOpen} unavailable={unavailable} />
        <button
          type="button"
          className="btn btn-primary"
          data-testid="seed-story"
          disabled={!canOpen || seeding !== null}
          title={
            siteName === null
              ? 'Opens Same browser, Incognito, Other device, External ID ×2 and Metadata: the whole identity story'
              : `Opens ${SITE_SEED_STORY.map((step) => KIND_INFO[step.kind].name).join(', ')} side by side on ${siteName}`
          }
          onClick={() => void seedStory(botId)}
        >
          {seeding ? `Seeding ${seeding.done}/${seeding.total}…` : 'Seed story'}
        </button>
        {/* Its own row under the seed story's kinds: the story stays first and on one line. */}
        <div className="profiles-toolbar-row">
          <div className="kind-group kind-group-lab" role="group" aria-label="Identity lab">
            <span className="toolbar-label">Identity lab</span>
            {IDENTITY_LAB_KINDS.map(kindButton)}
          </div>
          <span className="toolbar-spacer" />
          <div className="site-choice" role="group" aria-label="Site the profiles open">
            <label
              className="site-choice-select"
              title="Where the kind buttons and Seed story open profiles: Botbench’s demo page, or a site of your own"
            >
              <span className="toolbar-label">Site</span>
              <select data-testid="site-choice" value={siteUrl ?? ''} onChange={(e) => chooseSite(e.target.value === '' ? null : e.target.value)}>
                <option value="">Demo page</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.url}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn"
              data-testid="open-site"
              disabled={missing !== null}
              title="Open a profile on a site of your own: a local dev server, a staging site or a saved page"
              onClick={() => setPrompt({ kind: 'persistent', focus: 'site' })}
            >
              Open site…
            </button>
          </div>
          <RecordControl />
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

      {prompt ? (
        <OpenProfileDialog
          kind={prompt.kind}
          focus={prompt.focus}
          botId={botId}
          onClose={() => setPrompt(null)}
          onOpen={(input, name) => {
            setPrompt(null);
            void open(input, name);
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

function KindButton({
  kind,
  busy,
  disabled,
  title,
  onClick,
}: {
  kind: ProfileKind;
  busy: boolean;
  disabled: boolean;
  title?: string | undefined;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`btn kind-btn kind-${kind}${busy ? ' is-busy' : ''}`}
      data-testid={`open-profile-${kind}`}
      title={title ?? KIND_INFO[kind].expectation}
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
  unavailable,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (kind: ProfileKind) => void;
  disabled: boolean;
  /** Kinds that do not apply on the chosen site: shown, but not offered. */
  unavailable: (kind: ProfileKind) => boolean;
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
              <button
                type="button"
                role="menuitem"
                aria-disabled={unavailable(kind) || undefined}
                title={unavailable(kind) ? SITE_KIND_REASON : undefined}
                onClick={() => onPick(kind)}
              >
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
