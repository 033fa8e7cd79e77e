/**
 * What a scenario run reports: step and scenario results, the run summary and the progress
 * events. Types only, with no runtime imports, so the workbench UI can import them (as types)
 * through the contract without pulling in Node code.
 */
import type { Finding } from '../findings/types.ts';
import type { PageAction, ProfileKind, RestartIdentity, TimelineEntry } from '../profiles/types.ts';

/** What a step does; schema.ts checks this list equals its step schemas. */
export type StepAction =
  | 'open'
  | 'reload'
  | 'restart'
  | 'clearSiteData'
  | 'reset'
  | 'login'
  | 'logout'
  | 'close'
  | 'send'
  | 'webhook'
  | 'waitForMessage'
  // Page steps (Botbench's): drive the site in the profile's page as its user would.
  | 'goto'
  | 'click'
  | 'fill'
  | 'press'
  | 'waitFor';

export interface Identity {
  channelId: string | null;
  responsePath: string | null;
}

export interface ExpectationResult {
  /** Which expectation: "channelId", "responsePath", "reset", "webhook", "arrivesIn", "notIn", "reply", "triggerMetadata", "message", "refused", "findings". */
  name: string;
  passed: boolean;
  expected: string;
  observed: string;
}

export type StepStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface StepResult {
  index: number;
  id: string | null;
  do: StepAction;
  /** The step's title, or a description such as "restart B". */
  label: string;
  profile: string | null;
  status: StepStatus;
  durationMs: number;
  /** The profile's identity before and after the step (null for steps on no profile). */
  before: Identity | null;
  observed: Identity | null;
  expectations: ExpectationResult[];
  /** What went wrong: failed expectations, or the error that stopped the scenario. */
  message: string | null;
  /** The page the profile showed after a page step or an open with a url (Botbench's page steps); null otherwise. */
  url?: string | null | undefined;
  /** The profile's site integration findings after the step, when the step expected some (`findings`); null otherwise. */
  findings?: Finding[] | null | undefined;
}

export interface ProfileResult {
  name: string;
  label: string;
  kind: ProfileKind;
  externalUserId: string | null;
  /** The identity timeline, each row with the step that made it (null: not made by a step, e.g. the widget's own reset button). */
  timeline: Array<TimelineEntry & { step: number | null }>;
  /** The site it opened (`open` with `url`); null for the demo page. */
  url?: string | null | undefined;
  /** Its site integration findings when the scenario ended; null when this build records none. */
  findings?: Finding[] | null | undefined;
}

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  /** Tells concurrent runs apart in progress events; the source, with "#2" … when one runs twice. */
  key: string;
  name: string;
  description: string | null;
  source: string;
  botId: string | null;
  status: ScenarioStatus;
  startedAt: number;
  durationMs: number;
  steps: StepResult[];
  profiles: ProfileResult[];
  /** One line per failed step, naming it and what was expected and observed. */
  failures: string[];
}

export interface RunSummary {
  status: 'passed' | 'failed';
  startedAt: number;
  durationMs: number;
  concurrency: number;
  scenarios: ScenarioResult[];
}

/** Per-step progress, emitted as it happens; plain data, so it can cross to the UI as an event. */
export type ScenarioProgress =
  | { type: 'scenario-started'; key: string; source: string; name: string; botId: string | null; steps: Array<{ index: number; label: string }> }
  | { type: 'step-started'; key: string; index: number; label: string; profile: string | null }
  | { type: 'step-finished'; key: string; step: StepResult }
  | { type: 'scenario-finished'; key: string; result: ScenarioResult };

/** A scenario the workbench can run. */
export interface ScenarioInfo {
  source: string;
  name: string;
  description: string | null;
  steps: number;
  builtIn: boolean;
  /** Its text (JSON or YAML), as run. */
  text: string;
}

/** What a recorded step left its profile with: read off the profile's snapshot after the action. */
export interface RecordedOutcome {
  channelId: string | null;
  responsePath: string | null;
  /** The platform refused the widget (the action's call failed with BOTBENCH_ERR_WIDGET_REFUSED). */
  refused: boolean;
}

/** How a profile was opened, as a recorded open step says it. */
export interface RecordedOpen {
  profileId: string;
  label: string;
  kind: ProfileKind;
  siteUrl?: string | undefined;
  externalUserId?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  after: RecordedOutcome;
}

/**
 * One thing the tester did while recording, with what followed; main/scenarios/recorder.ts turns
 * a list of them into a scenario. `existing`: a profile open before Record (opened in the
 * scenario at its first use); `identity`: the page changed the visitor by itself.
 */
export type RecordedEvent =
  | ({ type: 'existing' } & RecordedOpen)
  | ({ type: 'open' } & RecordedOpen)
  | { type: 'reload' | 'clearSiteData' | 'logout'; profileId: string; after: RecordedOutcome }
  | { type: 'restart'; profileId: string; identity?: RestartIdentity | undefined; after: RecordedOutcome }
  | { type: 'reset'; profileId: string; refused: boolean; after: RecordedOutcome }
  | { type: 'login'; profileId: string; externalUserId: string; signed: boolean; after: RecordedOutcome }
  | { type: 'close'; profileId: string }
  | { type: 'send'; profileId: string; text: string }
  | { type: 'page'; profileId: string; action: PageAction }
  | { type: 'identity'; profileId: string; after: RecordedOutcome }
  | {
      type: 'webhook';
      responsePath: string;
      text: string;
      signed: boolean;
      outcome: 'delivered' | 'queued' | 'refused';
      /** Profiles whose widget showed the message. */
      arrivedIn: string[];
    };

export type { PageAction } from '../profiles/types.ts';

/** Whether the workbench is recording, and what it has so far. */
export interface RecordingStatus {
  recording: boolean;
  startedAt: number | null;
  /** Steps the scenario would have if recording stopped now. */
  steps: number;
  /** The last few steps, as the progress line shows them ("reload Same browser"). */
  recent: string[];
}

/** What Stop answers: the scenario as YAML text, ready to review, save and run. */
export interface RecordedScenario {
  name: string;
  /** A file name for Save as YAML, e.g. "recorded-2026-12-04T21-40.yaml". */
  fileName: string;
  text: string;
  steps: number;
}
