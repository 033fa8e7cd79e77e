import { tryParseResponsePath } from '../common/response-path.ts';
import type { ProfileKind, ProfileSnapshot } from '../profiles/types.ts';
import type { ScenarioBot, ScenarioPlatform } from './platform.ts';
import type { ScenarioProfiles } from './profiles.ts';
import type { Identity } from './types.ts';

/** A profile a scenario opened, under the name its steps call it by. */
export interface OpenProfile {
  name: string;
  id: string;
  kind: ProfileKind;
  externalUserId: string | null;
  snapshot: ProfileSnapshot;
  /** The step that made each timeline row. */
  rowSteps: Array<number | null>;
  closed: boolean;
  /** The site it opened (`open` with `url`): its bot is the one the page's widget connected to. Null: the demo page of the scenario's bot. */
  site: string | null;
}

/** The identity a step left its profile with, and where, for {"sameAs": step}. */
export interface Observation {
  identity: Identity;
  where: string;
}

/** What one scenario run keeps between its steps. */
export interface RunState {
  bot: ScenarioBot;
  api: ScenarioProfiles;
  platform: ScenarioPlatform;
  /** The scenario's profiles by the names its steps use. */
  profiles: Map<string, OpenProfile>;
  /** What each step left its profile with, by step index. */
  observations: Map<number, Observation>;
  /** Every Channel ID seen so far and where first, for "new". */
  seen: Map<string, string>;
  /** How long a step waits for a message to show. */
  waitMs: number;
  /** Step ids to their indexes. */
  stepIds: ReadonlyMap<string, number>;
}

/** The run's state as one step sees it. */
export interface StepContext extends RunState {
  index: number;
}

/**
 * The bot a profile's `{botId}` means: for a site, the one its page's widget connected to (from
 * the response path it reports); else the scenario's own.
 */
export function botIdOf(profile: OpenProfile, context: RunState): string {
  if (profile.site === null) return context.bot.botId;
  const parsed = tryParseResponsePath(profile.snapshot.responsePath);
  return parsed.ok ? parsed.value.botId : context.bot.botId;
}

export const quote = (value: string | null): string => (value === null ? 'none' : value);

export const identityOf = (snapshot: ProfileSnapshot): Identity => ({ channelId: snapshot.channelId, responsePath: snapshot.responsePath });
