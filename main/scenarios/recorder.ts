/**
 * The recorder's pure core: turns what a tester did on the workbench, from Record on, into a
 * scenario document with each step's expectation filled in from what actually happened. It
 * knows nothing of profiles, pages or the platform: main/api/recording.ts feeds it plain
 * RecordedEvents (the profile action with the snapshot it left, a page action, a webhook and its
 * answer) and asks for the document at Stop. Pure, so any sequence of events can be tested on its
 * own: whatever was done, the document validates against the scenario schema.
 */
import { stringify } from 'yaml';
import { isAnonymousChannelId } from '../common/ids.ts';
import type { ProfileKind, RestartIdentity } from '../profiles/types.ts';
import type { PageAction, RecordedEvent, RecordedOutcome } from './types.ts';

export type { PageAction, RecordedEvent, RecordedOutcome } from './types.ts';

/** A step as the scenario file holds it (main/scenarios/schema.ts checks it). */
export type RecordedStep = { do: string; id?: string; title?: string; profile?: string; expect?: Record<string, unknown> } & Record<string, unknown>;

/** A scenario file as plain data, keys in the order people read them. */
export interface ScenarioDocument {
  name: string;
  description?: string;
  bot?: { verifyIdentity?: true; verifyWebhooks?: true };
  steps: RecordedStep[];
}

export interface BuildOptions {
  name: string;
  /** When the recording started, for the description. */
  startedAt?: number;
  /** The recorded bot's settings that change what a replay sees. */
  bot?: { verifyIdentity?: boolean; verifyWebhooks?: boolean } | undefined;
  /** The recorded bot: a webhook at another bot's user is left out (the scenario has one bot). */
  botId?: string | undefined;
}

/** Steps that drive the page as its user would (the scenario format's page steps). */
const PAGE_STEPS: ReadonlySet<string> = new Set(['goto', 'click', 'fill', 'press', 'waitFor']);

/** What the recorder keeps of each profile it has seen. */
interface Tracked {
  /** The scenario's name for it (a valid, unique profile name). */
  name: string;
  /** The step that opened it in the scenario; null until it is used (profiles open before Record get an open step at first use). */
  opened: boolean;
  closed: boolean;
  channelId: string | null;
  responsePath: string | null;
  /** How to open it again, for profiles that were open before Record. */
  spec: Extract<RecordedEvent, { type: 'existing' }> | null;
}

const PROFILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.,:'’()-]{0,39}$/u;

/** A workbench label as a scenario profile name: 1 to 40 of the allowed characters, unique among `taken`. */
export function profileNameFor(label: string, taken: ReadonlySet<string>): string {
  let base = label
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} _.,:'’()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .slice(0, 36)
    .trim();
  if (!PROFILE_NAME.test(base)) base = 'Profile';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  return name;
}

/** A step id from a profile name and what the step did: "same-browser-open". */
function stepIdFor(profile: string, action: string, taken: ReadonlySet<string>): string {
  const slug = profile
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 28);
  let base = `${/^[a-z]/.test(slug) ? slug : `p-${slug}`}-${action}`.replace(/-+/g, '-').toLowerCase().slice(0, 36);
  if (!/^[A-Za-z][\w-]{0,39}$/.test(base)) base = `step-${action}`.slice(0, 36);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Whether an identity is the platform's anonymous kind (random per browser) rather than a site's user ID (stable across runs). */
const isExternal = (channelId: string): boolean => !isAnonymousChannelId(channelId);

/**
 * Builds the scenario from the events, in order. Expectations say what happened, in the terms
 * that survive a replay on a new bot: `new` for an ID first seen, `same`/`changed` against the
 * profile's ID before the step, `{"sameAs": step}` where the ID first appeared, `{"equals": id}`
 * for a site's user ID (the same on every run), `refused` when the platform refused the widget.
 */
export function buildScenario(events: readonly RecordedEvent[], options: BuildOptions): ScenarioDocument {
  const steps: RecordedStep[] = [];
  const tracked = new Map<string, Tracked>();
  const names = new Set<string>();
  /** Where each Channel ID first appeared: the index of a step a reference may point at, or null (seen, but not at such a step). */
  const firstSeen = new Map<string, number | null>();
  /** Steps other steps refer to, to give them ids at the end. */
  const referenced = new Set<number>();

  const track = (profileId: string, label: string, spec: Tracked['spec']): Tracked => {
    let profile = tracked.get(profileId);
    if (!profile) {
      profile = { name: profileNameFor(label, names), opened: false, closed: false, channelId: null, responsePath: null, spec };
      names.add(profile.name);
      tracked.set(profileId, profile);
    }
    return profile;
  };
  /** The profile an event acts on, opened in the scenario first if it was open before Record; null when the recorder never saw it. */
  const use = (profileId: string): Tracked | null => {
    const profile = tracked.get(profileId);
    if (!profile || profile.closed) return null;
    if (!profile.opened && profile.spec) {
      const spec = profile.spec;
      pushOpen(profile, { kind: spec.kind, siteUrl: spec.siteUrl, externalUserId: spec.externalUserId, metadata: spec.metadata }, spec.after);
    }
    return profile.opened ? profile : null;
  };

  const channelExpectation = (profile: Tracked, after: RecordedOutcome, isOpen: boolean): unknown => {
    const id = after.channelId;
    if (id === null) return undefined;
    if (!isOpen && id === profile.channelId) return 'same';
    const first = firstSeen.get(id);
    if (first !== undefined && first !== null) {
      referenced.add(first);
      return { sameAs: first };
    }
    if (isExternal(id)) return { equals: id };
    if (first === null) return isOpen ? undefined : 'changed';
    return isOpen ? 'new' : 'changed';
  };

  /** Appends a step that leaves `profile` with `after`, expectation included, and notes where its ID was first seen. */
  const pushIdentityStep = (profile: Tracked, step: RecordedStep, after: RecordedOutcome, refusable: boolean): void => {
    const isOpen = step.do === 'open';
    const expect: Record<string, unknown> = { ...step.expect };
    if (after.refused && refusable) expect.refused = true;
    else if (!after.refused) {
      const channelId = channelExpectation(profile, after, isOpen);
      if (channelId !== undefined) expect.channelId = channelId;
    }
    if (Object.keys(expect).length > 0) step.expect = expect;
    else delete step.expect;
    steps.push(step);
    observe(profile, after, steps.length - 1);
  };
  const observe = (profile: Tracked, after: RecordedOutcome, at: number | null): void => {
    profile.channelId = after.refused ? null : after.channelId;
    profile.responsePath = after.refused ? null : after.responsePath;
    if (profile.channelId !== null && !firstSeen.has(profile.channelId)) firstSeen.set(profile.channelId, at);
  };

  const pushOpen = (
    profile: Tracked,
    spec: {
      kind: ProfileKind;
      siteUrl?: string | undefined;
      externalUserId?: string | null | undefined;
      metadata?: Record<string, unknown> | null | undefined;
    },
    after: RecordedOutcome,
  ): void => {
    profile.opened = true;
    const step: RecordedStep = { do: 'open', profile: profile.name, kind: spec.kind };
    // On a site of its own, the site's snippet decides the visitor's ID and metadata: the step only names the page.
    if (spec.siteUrl) step.url = spec.siteUrl;
    else {
      if (spec.externalUserId) step.externalUserId = spec.externalUserId;
      if (spec.metadata && Object.keys(spec.metadata).length > 0) step.metadata = spec.metadata;
    }
    pushIdentityStep(profile, step, after, true);
  };

  for (const event of events) {
    switch (event.type) {
      case 'existing':
        track(event.profileId, event.label, event);
        break;
      case 'open': {
        const profile = track(event.profileId, event.label, null);
        if (profile.opened) break;
        pushOpen(profile, event, event.after);
        break;
      }
      case 'reload':
      case 'clearSiteData':
      case 'logout': {
        const profile = use(event.profileId);
        if (!profile) break;
        pushIdentityStep(profile, { do: event.type, profile: profile.name }, event.after, event.type === 'reload');
        break;
      }
      case 'restart': {
        const profile = use(event.profileId);
        if (!profile) break;
        const step: RecordedStep = { do: 'restart', profile: profile.name };
        const identity = restartIdentity(event.identity);
        if (identity !== undefined) step.identity = identity;
        pushIdentityStep(profile, step, event.after, true);
        break;
      }
      case 'reset': {
        const profile = use(event.profileId);
        if (!profile) break;
        pushIdentityStep(
          profile,
          { do: 'reset', profile: profile.name, expect: { reset: event.refused ? 'refused' : 'allowed' } },
          event.after,
          false,
        );
        break;
      }
      case 'login': {
        const profile = use(event.profileId);
        if (!profile) break;
        const step: RecordedStep = { do: 'login', profile: profile.name, externalUserId: event.externalUserId };
        if (!event.signed) step.signed = false;
        pushIdentityStep(profile, step, event.after, true);
        break;
      }
      case 'close': {
        const profile = use(event.profileId);
        if (!profile) break;
        steps.push({ do: 'close', profile: profile.name });
        profile.closed = true;
        break;
      }
      case 'send': {
        const profile = use(event.profileId);
        if (!profile) break;
        steps.push({ do: 'send', profile: profile.name, text: event.text });
        break;
      }
      case 'page': {
        const profile = use(event.profileId);
        if (!profile) break;
        const step = pageStep(profile.name, event.action);
        const last = steps.at(-1);
        // Typing into a field is one fill with what the field held last, however many times it changed.
        if (step.do === 'fill' && last?.do === 'fill' && last.profile === step.profile && last.selector === step.selector) steps.pop();
        steps.push(step);
        break;
      }
      case 'identity': {
        // The page changed who the visitor is by itself (its own login form, the widget's reset button). Right after a
        // page step of that profile, it is what that step did: its expectation. Otherwise no step of ours did it, but
        // later steps compare with it.
        const profile = tracked.get(event.profileId);
        if (!profile?.opened || profile.closed) break;
        const last = steps.at(-1);
        if (last && PAGE_STEPS.has(last.do) && last.profile === profile.name && last.expect === undefined) {
          const channelId = event.after.refused ? undefined : channelExpectation(profile, event.after, false);
          last.expect = event.after.refused ? { refused: true } : channelId === undefined ? undefined : { channelId };
          if (last.expect === undefined) delete last.expect;
          observe(profile, event.after, steps.length - 1);
        } else observe(profile, event.after, null);
        break;
      }
      case 'webhook': {
        const step = options.botId === undefined || event.responsePath.startsWith(`${options.botId}/`) ? webhookStep(event, tracked) : null;
        if (step) steps.push(step);
        break;
      }
    }
  }

  // Give every referenced step an id, and point references at it: ids stay right when someone moves steps while editing.
  const ids = new Set<string>();
  const idOf = new Map<number, string>();
  for (const index of [...referenced].sort((a, b) => a - b)) {
    const step = steps[index]!;
    const id = stepIdFor(step.profile ?? 'step', step.do, ids);
    ids.add(id);
    idOf.set(index, id);
  }
  const withIds = steps.map((step, index) => {
    const id = idOf.get(index);
    const channelId = step.expect?.channelId;
    const expect =
      channelId && typeof channelId === 'object' && 'sameAs' in channelId
        ? { ...step.expect, channelId: { sameAs: idOf.get((channelId as { sameAs: number }).sameAs)! } }
        : step.expect;
    const { do: action, profile, ...rest } = step;
    return {
      ...(id ? { id } : {}),
      do: action,
      ...(profile === undefined ? {} : { profile }),
      ...rest,
      ...(expect ? { expect } : {}),
    } as RecordedStep;
  });

  const document: ScenarioDocument = {
    name: options.name,
    description: `Recorded in Botbench${options.startedAt ? ` on ${new Date(options.startedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}: the steps as the tester did them, each expectation as it happened.`,
    steps: withIds,
  };
  const bot: NonNullable<ScenarioDocument['bot']> = {};
  if (options.bot?.verifyIdentity) bot.verifyIdentity = true;
  if (options.bot?.verifyWebhooks) bot.verifyWebhooks = true;
  if (Object.keys(bot).length > 0) document.bot = bot;
  return document;
}

function restartIdentity(identity: RestartIdentity | undefined): unknown {
  if (!identity || identity.mode === 'same') return undefined;
  return identity.mode === 'new' ? 'new' : { typed: identity.channelId };
}

function pageStep(profile: string, action: PageAction): RecordedStep {
  switch (action.type) {
    case 'click':
      return { do: 'click', profile, selector: action.selector };
    case 'fill':
      return { do: 'fill', profile, selector: action.selector, value: action.value };
    case 'press':
      return { do: 'press', profile, key: action.key, ...(action.selector ? { selector: action.selector } : {}) };
    case 'goto':
      return { do: 'goto', profile, url: action.url };
  }
}

/**
 * A webhook as a scenario step: at a profile's current response path when it was an anonymous
 * visitor's (its ID is new on every run), at a `{botId}/c/<id>` template when it was a site's
 * user ID (a back end knows it in advance). A webhook the replay could not aim (an anonymous ID
 * no open profile holds, another bot, no `text`) is left out.
 */
function webhookStep(event: Extract<RecordedEvent, { type: 'webhook' }>, tracked: ReadonlyMap<string, Tracked>): RecordedStep | null {
  const at = event.responsePath.indexOf('/c/');
  if (at < 0 || event.text.trim() === '') return null;
  const channelId = event.responsePath.slice(at + 3);
  const live = [...tracked.values()].filter((p) => p.opened && !p.closed);
  const holder = live.find((p) => p.responsePath === event.responsePath);
  const step: RecordedStep = { do: 'webhook' };
  if (isExternal(channelId) && !channelId.includes('/')) step.responsePath = `{botId}/c/${channelId}`;
  else if (holder) step.profile = holder.name;
  else return null;
  step.text = event.text;
  if (!event.signed) step.signed = false;
  const expect: Record<string, unknown> = { webhook: event.outcome };
  const arrived = event.arrivedIn.flatMap((id) => {
    const profile = tracked.get(id);
    return profile?.opened && !profile.closed ? [profile.name] : [];
  });
  if (event.outcome === 'delivered' && arrived.length > 0) expect.arrivesIn = arrived;
  step.expect = expect;
  return step;
}

/** The document as YAML, one step per block, as docs/scenarios.md writes them. */
export function scenarioYaml(document: ScenarioDocument): string {
  return stringify(document, { lineWidth: 0, flowCollectionPadding: true });
}
