import { nanoid } from 'nanoid';
import { BotbenchError } from '../platform/errors.ts';
import type { PlatformServer } from '../platform/server.ts';
import type { ProfileHost } from '../profiles/profile-host.ts';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin.ts';
import { parseScenarioText } from '../scenarios/load.ts';
import { localPlatform } from '../scenarios/platform.ts';
import { createScenarioProfiles } from '../scenarios/profiles.ts';
import { REPORTERS, type ReporterName } from '../scenarios/reporters/index.ts';
import { runScenarios } from '../scenarios/runner.ts';
import type { LoadedScenario } from '../scenarios/schema.ts';
import type { RunSummary } from '../scenarios/types.ts';
import type { ScenarioInfo } from '../scenarios/types.ts';
import type { WorkbenchEvent } from './contract.ts';
import { platformFindingContext } from '../profiles/finding-context.ts';

const MIME: Record<ReporterName, string> = {
  list: 'text/plain',
  junit: 'application/xml',
  markdown: 'text/markdown',
  html: 'text/html',
  json: 'application/json',
};
/** Finished runs kept for export. */
const KEEP = 10;

/**
 * Scenarios from the workbench: the built-in set or loaded files, run with the same runner as
 * `npm run scenarios`, on profiles of the workbench's own ProfileHost. Their profiles appear in
 * the grid while they run, and progress streams to the UI as `scenario` events.
 */
export class ScenarioRuns {
  readonly #server: PlatformServer;
  readonly #host: ProfileHost;
  readonly #profilesDir: string | null;
  readonly #emit: (event: WorkbenchEvent) => void;
  readonly #finished = new Map<string, RunSummary>();
  readonly #running = new Map<string, AbortController>();

  constructor(server: PlatformServer, host: ProfileHost, profilesDir: string | null, emit: (event: WorkbenchEvent) => void) {
    this.#server = server;
    this.#host = host;
    this.#profilesDir = profilesDir;
    this.#emit = emit;
  }

  builtIn(): ScenarioInfo[] {
    return BUILTIN_SCENARIOS.map((loaded) => info(loaded, true, JSON.stringify(loaded.scenario, null, 2)));
  }

  /** Checks a scenario file's text (JSON or YAML by its name); a bad one is refused with the path of the bad field. */
  check(text: string, source: string): ScenarioInfo {
    return info({ source, scenario: parseScenarioText(text, source) }, false, text);
  }

  async run(
    scenarios: ReadonlyArray<{ source: string; text: string }>,
    { concurrency, keepBots }: { concurrency?: number | undefined; keepBots?: boolean | undefined } = {},
  ): Promise<{ runId: string; summary: RunSummary }> {
    const loaded: LoadedScenario[] = scenarios.map(({ source, text }) => ({ source, scenario: parseScenarioText(text, source) }));
    const runId = nanoid(10);
    const abort = new AbortController();
    this.#running.set(runId, abort);
    const platform = localPlatform(this.#server);
    const profiles = createScenarioProfiles({
      host: this.#host,
      platformUrl: () => this.#server.url,
      profilesDir: this.#profilesDir,
      sign: platform.sign,
      importer: platform.importer,
      findingContext: platformFindingContext(this.#server.platform),
    });
    const stop = profiles.service.subscribe((event) => this.#emit(event));
    try {
      const summary = await runScenarios(loaded, {
        profiles,
        platform,
        onProgress: (progress) => this.#emit({ type: 'scenario', runId, progress }),
        ...(concurrency === undefined ? {} : { concurrency }),
        keepBots: keepBots ?? false,
        signal: abort.signal,
      });
      this.#finished.set(runId, summary);
      for (const old of [...this.#finished.keys()].slice(0, -KEEP)) this.#finished.delete(old);
      return { runId, summary };
    } finally {
      this.#running.delete(runId);
      stop();
      await profiles.dispose();
    }
  }

  /** Stops a run after its current steps; the rest are reported as skipped. */
  cancel(runId: string): void {
    this.#running.get(runId)?.abort();
  }

  report(runId: string, reporter: ReporterName): { fileName: string; content: string; mime: string } {
    const summary = this.#finished.get(runId);
    if (!summary) {
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `No finished scenario run has id ${JSON.stringify(runId)} (the last ${KEEP} are kept).`, {
        expected: 'the runId a scenarios.run answered',
        field: 'runId',
      });
    }
    const { fileName, render } = REPORTERS[reporter];
    return { fileName, content: render(summary), mime: MIME[reporter] };
  }
}

function info(loaded: LoadedScenario, builtIn: boolean, text: string): ScenarioInfo {
  return {
    source: loaded.source,
    name: loaded.scenario.name,
    description: loaded.scenario.description ?? null,
    steps: loaded.scenario.steps.length,
    builtIn,
    text,
  };
}
