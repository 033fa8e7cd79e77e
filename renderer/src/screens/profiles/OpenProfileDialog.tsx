import { useId, useState } from 'react';
import type { OpenProfileInput, ProfileKind } from '../../../../main/api/contract.ts';
import { BotbenchBadge } from '../../components/badges.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { CloseIcon } from '../../components/icons.tsx';
import {
  DEFAULT_EXTERNAL_USER_ID,
  DEFAULT_METADATA_JSON,
  IDENTITY_LAB_KINDS,
  isPromptedKind,
  isSiteKind,
  KIND_INFO,
  PROFILE_KIND_ORDER,
  SITE_KIND_REASON,
  type PromptedKind,
} from '../../lib/kinds.ts';
import { CHANNEL_ID_EXPECTED, isChannelId } from '../../lib/response-path.ts';
import { readSiteUrl } from '../../lib/site-url.ts';
import { useApp } from '../../store/context.tsx';
import { parseMetadata } from './open-profile-input.ts';

/** What the ID field is for, per kind that takes an external user ID. */
const ID_FIELD: Record<Exclude<PromptedKind, 'metadata'>, { label: string; placeholder: string }> = {
  'external-id': { label: 'External user ID (what the site passes to setConfig)', placeholder: 'e.g. Laptop of User123' },
  impersonator: { label: 'External user ID to claim (set without a userHash)', placeholder: 'e.g. Attacker as User123' },
  login: { label: 'External user ID the page logs in as (signed by its server)', placeholder: 'e.g. Logs in as User123' },
};

const KINDS: readonly ProfileKind[] = [...PROFILE_KIND_ORDER, ...IDENTITY_LAB_KINDS];

/**
 * Opens a profile: its kind, the page it opens (Botbench's demo page, or a site of the tester's
 * own, typed or picked from the workspace's recent sites) and what the kind needs (an external
 * user ID, or metadata), with the seed article's defaults filled in. `focus` says which field the
 * tester came for: the kind's value (a kind button) or the site ("Open site…").
 */
export function OpenProfileDialog({
  kind: initialKind,
  botId,
  focus = 'value',
  onOpen,
  onClose,
}: {
  kind: ProfileKind;
  /** The demo page's bot (the selected one); null when there is none yet: only a site can open then. */
  botId: string | null;
  focus?: 'value' | 'site';
  onOpen: (input: OpenProfileInput, siteName: string | undefined) => void;
  onClose: () => void;
}) {
  const sites = useApp((s) => s.sites);
  const chosenSiteUrl = useApp((s) => s.chosenSiteUrl);
  const forgetSite = useApp((s) => s.forgetSite);
  const [kind, setKind] = useState<ProfileKind>(initialKind);
  const [siteText, setSiteText] = useState(focus === 'site' || isSiteKind(initialKind) ? (chosenSiteUrl ?? '') : '');
  const [siteName, setSiteName] = useState(() => sites.find((s) => s.url === siteText)?.name ?? '');
  const [idValue, setIdValue] = useState(DEFAULT_EXTERNAL_USER_ID);
  const [metadataValue, setMetadataValue] = useState(DEFAULT_METADATA_JSON);
  const [label, setLabel] = useState('');
  const ids = { site: useId(), siteHelp: useId(), siteProblem: useId() };

  const onSite = siteText.trim() !== '';
  const site = onSite ? readSiteUrl(siteText) : null;
  const prompted = isPromptedKind(kind) && !onSite ? kind : null;
  const idField = prompted && prompted !== 'metadata' ? ID_FIELD[prompted] : null;
  const metadata = prompted === 'metadata' ? parseMetadata(metadataValue) : null;
  const siteProblem =
    site && !site.ok
      ? site.reason
      : onSite && !isSiteKind(kind)
        ? SITE_KIND_REASON
        : !onSite && botId === null
          ? 'There is no bot for the demo page yet: type a site of your own (its snippet names its bot), or create a bot first.'
          : null;
  const valueProblem = idField
    ? isChannelId(idValue.trim())
      ? null
      : `An external user ID is ${CHANNEL_ID_EXPECTED}.`
    : metadata && !metadata.ok
      ? metadata.reason
      : null;
  const problem = siteProblem ?? valueProblem;

  const submit = () => {
    if (problem) return;
    const labelled = label.trim() ? { label: label.trim() } : {};
    // On a site, its snippet names the bot; the demo page is the selected bot's.
    if (site?.ok) return onOpen({ kind, siteUrl: site.url, ...labelled }, siteName.trim() || undefined);
    if (botId === null) return;
    const common = { kind, botId, ...labelled };
    if (idField) onOpen({ ...common, externalUserId: idValue.trim() }, undefined);
    else if (metadata?.ok) onOpen({ ...common, metadata: metadata.value }, undefined);
    else onOpen(common, undefined);
  };
  const pick = (url: string, name: string) => {
    setSiteText(url);
    setSiteName(name);
    if (!isSiteKind(kind)) setKind('persistent');
  };
  const name = KIND_INFO[kind].name;
  return (
    <Dialog title={`Open ${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name} profile`} onClose={onClose} testId="open-profile-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span className="field-label">Kind</span>
          <select data-testid="open-profile-kind" value={kind} onChange={(e) => setKind(e.target.value as ProfileKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_INFO[k].name}
              </option>
            ))}
          </select>
        </label>

        <div className="field">
          <label className="field-label" htmlFor={ids.site}>
            Site (optional)
          </label>
          <input
            id={ids.site}
            className="mono"
            data-testid="open-profile-site"
            type="text"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            value={siteText}
            placeholder="Empty: Botbench’s demo page"
            aria-describedby={siteProblem ? `${ids.siteHelp} ${ids.siteProblem}` : ids.siteHelp}
            aria-invalid={siteProblem !== null}
            autoFocus={focus === 'site'}
            onChange={(e) => {
              setSiteText(e.target.value);
              setSiteName(sites.find((s) => s.url === e.target.value.trim())?.name ?? siteName);
            }}
          />
          <span className="small muted" id={ids.siteHelp}>
            Your own page embedding Flow XO’s snippet: <code>http://localhost:3000/</code>, <code>https://staging.example.com/</code>, or a saved page{' '}
            <code>/home/me/page.html</code>. The site then decides who the visitor is; the kind decides the browser’s storage.{' '}
            <BotbenchBadge what="Opening your own site" />
          </span>
        </div>

        {sites.length > 0 ? (
          <div className="recent-sites" role="group" aria-label="Recent sites" data-testid="recent-sites">
            <span className="field-label">Recent sites</span>
            <ul>
              {sites.map((s) => {
                const chosen = site?.ok === true && site.url === s.url;
                return (
                  <li key={s.id} className={chosen ? 'is-chosen' : undefined}>
                    <button
                      type="button"
                      className="recent-site"
                      data-testid="recent-site"
                      aria-pressed={chosen}
                      title={s.url}
                      onClick={() => pick(s.url, s.name)}
                    >
                      <span className="recent-site-name">{s.name}</span>
                      <span className="recent-site-url mono small muted">{s.url}</span>
                    </button>
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={`Forget ${s.name}`}
                      title={`Forget ${s.name} (${s.url})`}
                      onClick={() => void forgetSite(s.id)}
                    >
                      <CloseIcon />
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}

        {onSite ? (
          <label className="field">
            <span className="field-label">Name in recent sites (optional)</span>
            <input
              data-testid="open-profile-site-name"
              value={siteName}
              maxLength={80}
              placeholder="e.g. Staging shop"
              onChange={(e) => setSiteName(e.target.value)}
            />
          </label>
        ) : null}

        {prompted ? (
          <label className="field">
            <span className="field-label">{idField ? idField.label : 'Metadata (JSON object)'}</span>
            {idField ? (
              <input
                className="mono"
                data-testid="open-profile-value"
                value={idValue}
                autoFocus={focus === 'value'}
                onFocus={(e) => e.currentTarget.select()}
                onChange={(e) => setIdValue(e.target.value)}
              />
            ) : (
              <textarea
                className="mono"
                data-testid="open-profile-value"
                rows={4}
                value={metadataValue}
                autoFocus={focus === 'value'}
                onChange={(e) => setMetadataValue(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    submit();
                  }
                }}
              />
            )}
          </label>
        ) : null}
        {problem ? (
          <p className="check check-bad" role="alert" id={siteProblem ? ids.siteProblem : undefined} data-testid="open-profile-problem">
            {problem}
          </p>
        ) : null}
        <label className="field">
          <span className="field-label">Label (optional)</span>
          <input
            value={label}
            maxLength={60}
            placeholder={idField?.placeholder ?? 'e.g. Laptop of User123'}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="open-profile-submit" disabled={problem !== null}>
            Open profile
          </button>
        </div>
      </form>
    </Dialog>
  );
}
