import { BotbenchError } from '../platform/errors.ts';
import type { Bot } from '../platform/model.ts';
import type { ProfileService } from '../profiles/profile-service.ts';
import type { ProfileSnapshot } from '../profiles/types.ts';
import { buildScenario, scenarioYaml, type RecordedEvent, type RecordedOutcome } from '../scenarios/recorder.ts';
import type { RecordedScenario, RecordingStatus } from '../scenarios/types.ts';
import type { WebhookHistoryEntry } from '../workspace/types.ts';
import type { WorkbenchEvent } from './contract.ts';

/** How many of the last steps the status line shows. */
const RECENT = 3;
/** A recording is a test a person reviews: beyond this many events it is something else (a stuck key?), and recording stops taking more. */
const MAX_EVENTS = 2000;

const outcomeOf = (snapshot: ProfileSnapshot | undefined, refused = false): RecordedOutcome => ({
  channelId: refused ? null : (snapshot?.channelId ?? null),
  responsePath: refused ? null : (snapshot?.responsePath ?? null),
  refused,
});

const isRefusal = (error: unknown): boolean => error instanceof BotbenchError && error.code === 'BOTBENCH_ERR_WIDGET_REFUSED';

/**
 * Record a scenario (Botbench's): between start() and stop(), everything the tester does to
 * profiles through the contract, inside their pages (ProfileService.onPageAction) and with the
 * webhook composer becomes a RecordedEvent; stop() turns them into a scenario file
 * (main/scenarios/recorder.ts). It runs in main, beside the services, because only main sees
 * every action with its outcome: the snapshot an action left, a refusal, the webhook's answer, a
 * timeline row the page made by itself. The renderer only starts, stops and shows it.
 */
export class RecordingSession {
  readonly #profiles: ProfileService;
  readonly #bot: (botId: string) => Bot | undefined;
  readonly #emit: (event: WorkbenchEvent) => void;
  #events: RecordedEvent[] = [];
  #startedAt: number | null = null;
  /** Profiles with a recorded action in flight: timeline rows they add are that action's, not the page's. */
  readonly #acting = new Set<string>();
  /** Timeline length per profile, to see rows the page added by itself. */
  readonly #rows = new Map<string, number>();
  #unsubscribe: Array<() => void> = [];

  constructor(profiles: ProfileService, bot: (botId: string) => Bot | undefined, emit: (event: WorkbenchEvent) => void) {
    this.#profiles = profiles;
    this.#bot = bot;
    this.#emit = emit;
  }

  get recording(): boolean {
    return this.#startedAt !== null;
  }

  status(): RecordingStatus {
    const built = this.#startedAt === null ? null : this.#build();
    return {
      recording: this.#startedAt !== null,
      startedAt: this.#startedAt,
      steps: built?.steps.length ?? 0,
      recent: (built?.steps.slice(-RECENT) ?? []).map(describe),
    };
  }

  /** Starts afresh (anything recorded before is dropped); profiles already open are opened by the scenario when first used. */
  start(): RecordingStatus {
    this.#stopListening();
    this.#events = [];
    this.#startedAt = Date.now();
    this.#rows.clear();
    for (const profile of this.#profiles.list()) {
      this.#rows.set(profile.id, profile.timeline.length);
      if (profile.status === 'closed') continue;
      this.#events.push({
        type: 'existing',
        profileId: profile.id,
        label: profile.label,
        kind: profile.kind,
        ...(profile.siteUrl ? { siteUrl: profile.siteUrl } : {}),
        externalUserId: profile.externalUserId,
        metadata: profile.metadata,
        after: outcomeOf(profile, profile.refusal !== null),
      });
    }
    this.#unsubscribe = [
      this.#profiles.onPageAction((profileId, action) => this.#note({ type: 'page', profileId, action })),
      this.#profiles.subscribe((event) => {
        if (event.type === 'profile') this.#onSnapshot(event.profile);
      }),
    ];
    return this.#changed();
  }

  /** Stops and answers the scenario; refused when nothing was recorded (a scenario needs a step). */
  stop(name?: string): RecordedScenario {
    if (this.#startedAt === null) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'Nothing is being recorded: press Record first.', { expected: 'a recording in progress' });
    }
    const document = this.#build(name);
    const startedAt = this.#startedAt;
    this.#stopListening();
    this.#startedAt = null;
    this.#events = [];
    this.#changed();
    if (document.steps.length === 0) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', 'The recording has no steps: open a profile, or act on an open one, while recording.', {
        expected: 'at least one recorded step',
      });
    }
    const stamp = new Date(startedAt).toISOString().slice(0, 16).replace(':', '-');
    return { name: document.name, fileName: `recorded-${stamp}.yaml`, text: scenarioYaml(document), steps: document.steps.length };
  }

  /** Runs a profile action; while recording, notes it with the outcome it left (or the refusal it met). */
  async act(
    profileId: string,
    call: () => Promise<ProfileSnapshot>,
    event: (after: RecordedOutcome) => RecordedEvent | null,
  ): Promise<ProfileSnapshot> {
    if (!this.recording) return call();
    this.#acting.add(profileId);
    try {
      const snapshot = await call();
      this.#sync(snapshot);
      this.#note(event(outcomeOf(snapshot)));
      return snapshot;
    } catch (error) {
      if (isRefusal(error)) this.#note(event(outcomeOf(undefined, true)));
      throw error;
    } finally {
      this.#acting.delete(profileId);
    }
  }

  /** Opens a profile; while recording, notes how it was opened and what it became. */
  async open(call: () => Promise<ProfileSnapshot>, siteUrl: string | undefined): Promise<ProfileSnapshot> {
    if (!this.recording) return call();
    const before = new Set(this.#profiles.list().map((p) => p.id));
    const opened = (snapshot: ProfileSnapshot, after: RecordedOutcome): RecordedEvent => ({
      type: 'open',
      profileId: snapshot.id,
      label: snapshot.label,
      kind: snapshot.kind,
      ...(siteUrl ? { siteUrl } : {}),
      externalUserId: snapshot.externalUserId,
      metadata: snapshot.metadata,
      after,
    });
    try {
      const snapshot = await call();
      this.#sync(snapshot);
      this.#note(opened(snapshot, outcomeOf(snapshot)));
      return snapshot;
    } catch (error) {
      const snapshot = this.#profiles.list().find((p) => !before.has(p.id));
      if (isRefusal(error) && snapshot) this.#note(opened(snapshot, outcomeOf(snapshot, true)));
      throw error;
    }
  }

  /**
   * The pane's address bar (profiles.navigate): an address is a `goto` step, and so are back and
   * forward (as the page they led to: the format has no history steps); reload is a reload step.
   * What the page's widget said afterwards is the step's expectation.
   */
  async navigate(
    profileId: string,
    to: { url: string } | 'back' | 'forward' | 'reload',
    call: () => Promise<ProfileSnapshot>,
  ): Promise<ProfileSnapshot> {
    if (to === 'reload') return this.act(profileId, call, (after) => ({ type: 'reload', profileId, after }));
    if (!this.recording) return call();
    this.#acting.add(profileId);
    const noted = (url: string, after: RecordedOutcome): void => {
      this.#note({ type: 'page', profileId, action: { type: 'goto', url } });
      this.#note({ type: 'identity', profileId, after });
    };
    try {
      const snapshot = await call();
      this.#sync(snapshot);
      noted(typeof to === 'object' ? to.url : snapshot.url, outcomeOf(snapshot));
      return snapshot;
    } catch (error) {
      const snapshot = this.#profiles.list().find((p) => p.id === profileId);
      if (isRefusal(error) && snapshot) noted(typeof to === 'object' ? to.url : snapshot.url, outcomeOf(snapshot, true));
      throw error;
    } finally {
      this.#acting.delete(profileId);
    }
  }

  /** Notes a step that changes no identity (a message sent, a profile closed). */
  note(event: RecordedEvent): void {
    if (this.recording) this.#note(event);
  }

  /** Notes a webhook the composer sent, with what it answered and where it landed. */
  webhook(entry: WebhookHistoryEntry): void {
    if (!this.recording || entry.trace.outcome === 'answered') return;
    const text = webhookText(entry.sentBody);
    if (text === null) return;
    this.#note({
      type: 'webhook',
      responsePath: entry.sentResponsePath ?? entry.request.responsePath,
      text,
      signed: entry.request.sign === true,
      outcome: entry.trace.outcome,
      arrivedIn: entry.trace.outcome === 'delivered' ? entry.trace.profiles.map((p) => p.id) : [],
    });
  }

  dispose(): void {
    this.#stopListening();
  }

  #onSnapshot(profile: ProfileSnapshot): void {
    const seen = this.#rows.get(profile.id) ?? 0;
    this.#rows.set(profile.id, profile.timeline.length);
    if (this.#acting.has(profile.id) || profile.timeline.length <= seen) return;
    // Rows no recorded action made: the page changed who the visitor is by itself (its own login, the widget's reset).
    for (const row of profile.timeline.slice(seen)) {
      if (row.action === 'closed' || row.action === 'opened') continue;
      this.#note({
        type: 'identity',
        profileId: profile.id,
        after: { channelId: row.channelId, responsePath: row.responsePath, refused: row.note?.startsWith('refused') ?? false },
      });
    }
  }

  #sync(snapshot: ProfileSnapshot): void {
    this.#rows.set(snapshot.id, snapshot.timeline.length);
  }

  #note(event: RecordedEvent | null): void {
    if (!event || this.#events.length >= MAX_EVENTS) return;
    this.#events.push(event);
    this.#changed();
  }

  #build(name?: string): ReturnType<typeof buildScenario> {
    const first = this.#events.find((e) => e.type === 'open' || e.type === 'existing');
    const botId = first ? this.#profiles.list().find((p) => p.id === first.profileId)?.botId : undefined;
    const bot = botId ? this.#bot(botId) : undefined;
    const startedAt = this.#startedAt ?? Date.now();
    return buildScenario(this.#events, {
      name: name?.trim() || `Recorded ${new Date(startedAt).toISOString().slice(0, 16).replace('T', ' ')}`,
      startedAt,
      bot: bot?.settings,
      botId,
    });
  }

  #changed(): RecordingStatus {
    const status = this.status();
    this.#emit({ type: 'recording', status });
    return status;
  }

  #stopListening(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#unsubscribe = [];
    this.#acting.clear();
  }
}

/** The `text` a webhook body carried (JSON or a form), or null when it had none. */
function webhookText(body: string): string | null {
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object' && 'text' in json && typeof json.text === 'string') return json.text;
  } catch {
    // A form body, then.
  }
  const form = new URLSearchParams(body).get('text');
  return form ?? null;
}

function describe(step: { do: string; profile?: string; selector?: unknown; key?: unknown; responsePath?: unknown }): string {
  const target = step.profile ?? (typeof step.responsePath === 'string' ? step.responsePath : '');
  const detail = typeof step.selector === 'string' ? ` ${step.selector}` : typeof step.key === 'string' ? ` ${step.key}` : '';
  return `${step.do} ${target}${detail}`.trim();
}
