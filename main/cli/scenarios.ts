import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BotbenchError } from '../platform/errors.ts';
import type { PlatformServer } from '../platform/server.ts';
import type { ChromiumProfileHost } from '../profiles/chromium-host.ts';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin.ts';
import { loadScenarioFiles } from '../scenarios/load.ts';
import { localPlatform, remotePlatform, type ScenarioPlatform } from '../scenarios/platform.ts';
import { createScenarioProfiles } from '../scenarios/profiles.ts';
import { isReporterName, REPORTER_NAMES, REPORTERS, type ReporterName } from '../scenarios/reporters/index.ts';
import { createListProgress } from '../scenarios/reporters/list.ts';
import { DEFAULT_CONCURRENCY, runScenarios } from '../scenarios/runner.ts';
import type { LoadedScenario } from '../scenarios/schema.ts';

const USAGE = `Usage: npm run scenarios -- [files or directories…] [options]
Runs identity scenarios (docs/scenarios.md) in headless Chromium; no files: the built-in set.
  -r, --reporter <name>    ${REPORTER_NAMES.join(', ')}; repeat or comma-separate for several (default: list)
  -o, --out <file|dir>     write the report(s) there; a directory gets ${Object.values(REPORTERS)
    .map((r) => r.fileName)
    .join(', ')}
      --url <url>          run against a running platform (npm run serve) instead of a temporary one…
      --token <token>      …with its admin token
  -c, --concurrency <n>    scenarios at once (default ${DEFAULT_CONCURRENCY}: at least 2, one per two cores)
      --bail               start no more scenarios after one fails
  -h, --help
Exit status: 0 all passed, 1 a scenario failed (or the run could not start), 2 bad usage or an invalid scenario file.`;

/** Stops with exit status 2 and the usage. */
class UsageError extends Error {}

interface Options {
  files: string[];
  reporters: ReporterName[];
  out: string | null;
  remote: { url: string; token: string } | null;
  concurrency: number;
  bail: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        reporter: { type: 'string', short: 'r', multiple: true },
        out: { type: 'string', short: 'o' },
        url: { type: 'string' },
        token: { type: 'string' },
        concurrency: { type: 'string', short: 'c' },
        bail: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const reporters: ReporterName[] = [];
  for (const name of (values.reporter ?? ['list']).flatMap((r) => r.split(',')).map((r) => r.trim())) {
    if (!isReporterName(name)) throw new UsageError(`--reporter must be one of ${REPORTER_NAMES.join(', ')}; got ${JSON.stringify(name)}.`);
    if (!reporters.includes(name)) reporters.push(name);
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 16; got ${JSON.stringify(values.concurrency)}.`);
  }
  if ((values.url === undefined) !== (values.token === undefined))
    throw new UsageError('--url and --token go together: the admin API needs the token.');
  if (values.url !== undefined && !/^https?:\/\/[^/]+/.test(values.url))
    throw new UsageError(`--url must be like http://127.0.0.1:4000; got ${JSON.stringify(values.url)}.`);
  const files = reporters.filter((r) => r !== 'list');
  if (values.out === undefined && files.length > 1) throw new UsageError(`Several reports (${files.join(', ')}) need --out <directory>.`);
  return {
    files: positionals,
    reporters,
    out: values.out ?? null,
    remote: values.url === undefined ? null : { url: values.url, token: values.token! },
    concurrency,
    bail: values.bail,
  };
}

/**
 * Where each report goes: a path, or stdout (null). Progress and the list summary always go to
 * the terminal; with --out, every chosen reporter (list too) is also written to a file.
 */
function destinations(options: Options): Array<{ reporter: ReporterName; path: string | null }> {
  if (options.out === null) return options.reporters.filter((r) => r !== 'list').map((reporter) => ({ reporter, path: null }));
  const out = resolve(options.out);
  let isDir = options.out.endsWith('/') || options.reporters.length > 1;
  try {
    isDir ||= statSync(out).isDirectory();
  } catch {
    // Not there yet: a file, unless several reports or a trailing slash say directory.
  }
  return options.reporters.map((reporter) => ({ reporter, path: isDir ? join(out, REPORTERS[reporter].fileName) : out }));
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  let targets: ReturnType<typeof destinations>;
  try {
    options = parseOptions(argv);
    if (options === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    targets = destinations(options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }

  let scenarios: readonly LoadedScenario[];
  try {
    scenarios = options.files.length === 0 ? BUILTIN_SCENARIOS : await loadScenarioFiles(options.files);
  } catch (error) {
    if (!(error instanceof BotbenchError)) throw error;
    process.stderr.write(`${error.code}: ${error.message}\n`);
    return 2;
  }

  // Progress goes to stdout unless a report does.
  const terminal = targets.some((t) => t.path === null) ? process.stderr : process.stdout;
  const say = (line: string): void => void terminal.write(`${line}\n`);

  const work = mkdtempSync(join(tmpdir(), 'botbench-scenarios-'));
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    say('Stopping after the current step (press Ctrl+C again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let server: PlatformServer | null = null;
  let host: ChromiumProfileHost | null = null;
  let profiles: ReturnType<typeof createScenarioProfiles> | null = null;
  try {
    // Loaded only now, so usage errors and --help answer without loading fastify and Playwright.
    const [{ build }, chromiumHost] = await Promise.all([import('../platform/server.ts'), import('../profiles/chromium-host.ts')]);
    host = new chromiumHost.ChromiumProfileHost({ profilesDir: join(work, 'profiles'), screencast: false });
    let platform: ScenarioPlatform;
    if (options.remote) {
      platform = remotePlatform(options.remote.url, options.remote.token);
    } else {
      server = await build({ dataDir: join(work, 'data'), port: 0 });
      await server.listen();
      platform = localPlatform(server);
    }
    profiles = createScenarioProfiles({ host, platformUrl: () => platform.url, profilesDir: join(work, 'profiles'), sign: platform.sign });
    say(
      `Running ${scenarios.length} scenario(s), ${Math.min(options.concurrency, scenarios.length)} at once, against ${options.remote ? `the platform at ${platform.url}` : `a temporary platform at ${platform.url}`}`,
    );
    const summary = await runScenarios(scenarios, {
      profiles,
      platform,
      concurrency: options.concurrency,
      bail: options.bail,
      signal: controller.signal,
      onProgress: createListProgress(say, scenarios.length),
    });
    terminal.write(REPORTERS.list.render(summary));
    for (const target of targets) {
      const text = REPORTERS[target.reporter].render(summary);
      if (target.path === null) process.stdout.write(text);
      else {
        mkdirSync(dirname(target.path), { recursive: true });
        writeFileSync(target.path, text);
        process.stderr.write(`Wrote ${target.reporter} report: ${target.path}\n`);
      }
    }
    return summary.status === 'passed' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`The scenarios could not run: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await profiles?.dispose().catch(() => undefined);
    await host?.dispose().catch(() => undefined);
    await server?.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Botbench scenarios crashed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
