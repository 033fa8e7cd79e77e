import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BotbenchError } from '../platform/errors.ts';
import type { PlatformServer } from '../platform/server.ts';
import type { ChromiumProfileHost, RemoteBrowser } from '../profiles/chromium-host.ts';
import { BUILTIN_SCENARIOS } from '../scenarios/builtin.ts';
import { loadScenarioFiles } from '../scenarios/load.ts';
import { mergeJunit, mergeReports } from '../scenarios/merge.ts';
import { localPlatform, remotePlatform, type ScenarioPlatform } from '../scenarios/platform.ts';
import { createScenarioProfiles } from '../scenarios/profiles.ts';
import { isReporterName, REPORTER_NAMES, REPORTERS, type ReporterName } from '../scenarios/reporters/index.ts';
import { parseJsonReport } from '../scenarios/reporters/json.ts';
import { createListProgress } from '../scenarios/reporters/list.ts';
import { DEFAULT_CONCURRENCY, runScenarios } from '../scenarios/runner.ts';
import type { LoadedScenario } from '../scenarios/schema.ts';
import { parseShard, selectShard, type Shard } from '../scenarios/shard.ts';
import type { RunSummary } from '../scenarios/types.ts';
import { platformFindingContext } from '../profiles/finding-context.ts';

const USAGE = `Usage: npm run scenarios -- [files or directories…] [options]
       npm run scenarios -- merge <reports…> [-r <name>] [-o <file|dir>]
Runs identity scenarios (docs/scenarios.md) in headless Chromium; no files: the built-in set.
merge joins the JSON reports of a sharded run (any reporter out), or JUnit XML files (JUnit out).
  -r, --reporter <name>    ${REPORTER_NAMES.join(', ')}; repeat or comma-separate for several (default: list)
  -o, --out <file|dir>     write the report(s) there; a directory gets ${Object.values(REPORTERS)
    .map((r) => r.fileName)
    .join(', ')}
      --platform <url>     run against a running platform (npm run serve) instead of a temporary one… (--url too)
      --token <token>      …with its admin token
      --shard <i>/<n>      run the i-th of n deterministic parts of the suite (each scenario in exactly one)
      --browser <ws://…>   run the profiles on a Playwright browser server (launchServer, playwright run-server)
      --cdp <http://…>     run the profiles on any Chrome DevTools Protocol endpoint (Chrome --remote-debugging-port, Selenium Grid 4, browserless)
  -c, --concurrency <n>    scenarios at once (default ${DEFAULT_CONCURRENCY}: at least 2, one per two cores)
      --bail               start no more scenarios after one fails
      --keep-bots          keep each scenario's bot (users, transcripts, log) after the run; deleted by default
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
  keepBots: boolean;
  shard: Shard | null;
  browser: RemoteBrowser | null;
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
        platform: { type: 'string' },
        shard: { type: 'string' },
        browser: { type: 'string' },
        cdp: { type: 'string' },
        token: { type: 'string' },
        concurrency: { type: 'string', short: 'c' },
        bail: { type: 'boolean', default: false },
        'keep-bots': { type: 'boolean', default: false },
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
  if (values.url !== undefined && values.platform !== undefined) throw new UsageError('--platform and --url are the same option: give one.');
  const url = values.platform ?? values.url;
  if ((url === undefined) !== (values.token === undefined))
    throw new UsageError('--platform and --token go together: the admin API needs the token.');
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url))
    throw new UsageError(`--platform must be like http://127.0.0.1:4000; got ${JSON.stringify(url)}.`);
  if (values.browser !== undefined && values.cdp !== undefined)
    throw new UsageError('Give --browser or --cdp, not both: the profiles run on one browser.');
  if (values.browser !== undefined && !/^wss?:\/\/[^/]+/.test(values.browser))
    throw new UsageError(`--browser must be a browser server's ws:// endpoint, like ws://127.0.0.1:3000/abc; got ${JSON.stringify(values.browser)}.`);
  if (values.cdp !== undefined && !/^(https?|wss?):\/\/[^/]+/.test(values.cdp))
    throw new UsageError(`--cdp must be a DevTools endpoint, like http://127.0.0.1:9222; got ${JSON.stringify(values.cdp)}.`);
  let shard: Shard | null = null;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const files = reporters.filter((r) => r !== 'list');
  if (values.out === undefined && files.length > 1) throw new UsageError(`Several reports (${files.join(', ')}) need --out <directory>.`);
  return {
    files: positionals,
    reporters,
    out: values.out ?? null,
    remote: url === undefined ? null : { url, token: values.token! },
    concurrency,
    bail: values.bail,
    keepBots: values['keep-bots'],
    shard,
    browser:
      values.browser !== undefined
        ? { protocol: 'playwright', wsEndpoint: values.browser }
        : values.cdp !== undefined
          ? { protocol: 'cdp', endpointUrl: values.cdp }
          : null,
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

/** Writes each chosen report of a summary: to its file, or to stdout. */
function writeReports(summary: RunSummary, targets: ReturnType<typeof destinations>, shard: Shard | null): void {
  for (const target of targets) {
    const text = REPORTERS[target.reporter].render(summary, { shard });
    if (target.path === null) process.stdout.write(text);
    else {
      mkdirSync(dirname(target.path), { recursive: true });
      writeFileSync(target.path, text);
      process.stderr.write(`Wrote ${target.reporter} report: ${target.path}\n`);
    }
  }
}

/** `merge <reports…>`: JSON reports of a sharded run into any reporter, or JUnit files into one JUnit file. */
function merge(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { reporter: { type: 'string', short: 'r', multiple: true }, out: { type: 'string', short: 'o' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const files = parsed.positionals;
  const reporters = (parsed.values.reporter ?? ['list']).flatMap((r) => r.split(',')).map((r) => r.trim());
  const bad = reporters.find((name) => !isReporterName(name));
  if (files.length === 0 || bad !== undefined) {
    process.stderr.write(
      `${bad === undefined ? 'merge needs the report files to join.' : `--reporter must be one of ${REPORTER_NAMES.join(', ')}; got ${JSON.stringify(bad)}.`}\n\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    const inputs = files.map((source) => ({ source, text: readFileSync(source, 'utf8') }));
    const xml = inputs.filter((input) => input.text.trimStart().startsWith('<'));
    if (xml.length > 0) {
      if (xml.length !== inputs.length || reporters.some((r) => r !== 'junit' && r !== 'list')) {
        process.stderr.write(
          'JUnit files merge into JUnit only (--reporter junit), and not with JSON reports; for every format, merge the JSON reports.\n',
        );
        return 2;
      }
      const text = mergeJunit(inputs);
      if (parsed.values.out === undefined) process.stdout.write(text);
      else {
        mkdirSync(dirname(resolve(parsed.values.out)), { recursive: true });
        writeFileSync(resolve(parsed.values.out), text);
        process.stderr.write(`Wrote merged JUnit report: ${resolve(parsed.values.out)}\n`);
      }
      return 0;
    }
    const { summary, missingShards } = mergeReports(inputs.map(({ source, text }) => ({ source, report: parseJsonReport(text, source) })));
    if (missingShards.length > 0) process.stderr.write(`Note: shard(s) ${missingShards.join(', ')} are missing from this merge.\n`);
    const options = {
      files: [],
      reporters: reporters as ReporterName[],
      out: parsed.values.out ?? null,
      remote: null,
      concurrency: 1,
      bail: false,
      keepBots: false,
      shard: null,
      browser: null,
    };
    if (options.out === null && options.reporters.filter((r) => r !== 'list').length > 1) {
      process.stderr.write('Several reports need --out <directory>.\n');
      return 2;
    }
    process.stderr.write(REPORTERS.list.render(summary));
    writeReports(summary, destinations(options), null);
    return summary.status === 'passed' ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof BotbenchError ? `${error.code}: ` : ''}${(error as Error).message}\n`);
    return 2;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return merge(argv.slice(1));
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
    scenarios = selectShard(options.files.length === 0 ? BUILTIN_SCENARIOS : await loadScenarioFiles(options.files), options.shard);
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
    host = new chromiumHost.ChromiumProfileHost({ profilesDir: join(work, 'profiles'), screencast: false, remote: options.browser });
    let platform: ScenarioPlatform;
    if (options.remote) {
      platform = remotePlatform(options.remote.url, options.remote.token);
    } else {
      server = await build({ dataDir: join(work, 'data'), port: 0 });
      await server.listen();
      platform = localPlatform(server);
    }
    profiles = createScenarioProfiles({
      host,
      platformUrl: () => platform.url,
      profilesDir: join(work, 'profiles'),
      sign: platform.sign,
      importer: platform.importer,
      // A remote platform's bots and users are not at hand here: its runs leave out the two findings that need them.
      findingContext: server ? platformFindingContext(server.platform) : undefined,
    });
    const where = options.browser ? ` on ${options.browser.protocol === 'cdp' ? options.browser.endpointUrl : options.browser.wsEndpoint}` : '';
    const part = options.shard ? ` (shard ${options.shard.current}/${options.shard.total})` : '';
    say(
      `Running ${scenarios.length} scenario(s)${part}, ${Math.max(1, Math.min(options.concurrency, scenarios.length))} at once, against ${options.remote ? `the platform at ${platform.url}` : `a temporary platform at ${platform.url}`}${where}`,
    );
    const summary = await runScenarios(scenarios, {
      profiles,
      platform,
      concurrency: options.concurrency,
      bail: options.bail,
      keepBots: options.keepBots,
      signal: controller.signal,
      onProgress: createListProgress(say, scenarios.length),
    });
    terminal.write(REPORTERS.list.render(summary));
    writeReports(summary, targets, options.shard);
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
