import anonymous from './builtin/anonymous-visitor.json' with { type: 'json' };
import externalId from './builtin/external-id.json' with { type: 'json' };
import metadata from './builtin/metadata.json' with { type: 'json' };
import reset from './builtin/reset.json' with { type: 'json' };
import webhook from './builtin/webhook-external-id.json' with { type: 'json' };
import { parseScenario, type LoadedScenario } from './schema.ts';

/**
 * The seed's whole story as scenarios, in its order. They are plain JSON files (examples to copy)
 * imported as modules, so they also ship inside a bundle; each is validated like any file.
 */
const FILES: ReadonlyArray<[name: string, value: unknown]> = [
  ['anonymous-visitor', anonymous],
  ['external-id', externalId],
  ['metadata', metadata],
  ['webhook-external-id', webhook],
  ['reset', reset],
];

export const BUILTIN_SCENARIOS: readonly LoadedScenario[] = FILES.map(([name, value]) => ({
  source: `builtin/${name}.json`,
  scenario: parseScenario(value, `builtin/${name}.json`),
}));
