import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, spawnServer, tempDir, TOKEN, type ServerProcess, type SpawnOptions } from './processes.ts';

/** The real headless platform (`npm run serve`'s out/main/serve.js), in its own process, on a fresh on-disk data dir. */
export interface PlatformProcess extends Omit<ServerProcess, 'stop'> {
  readonly dataDir: string;
  /** Stops the process; the data dir is removed unless `keepData` (a later stop() removes it). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** POST /api/bots: a bot and its webhook URL. */
  createBot(name?: string): Promise<{ botId: string; webhookUrl: string; embedCode: string }>;
}

/** What `npm run serve` runs: the built bundle (the benches build first). */
export const SERVE_SCRIPT = join(ROOT, 'out', 'main', 'serve.js');
/** The same platform from its TypeScript sources, through Node's type stripping: the start-up baseline of the bundle. */
export const SERVE_SOURCES = join(ROOT, 'main', 'cli', 'serve.ts');

/** Another checkout's serve script: its bundle if it was built, else its sources. */
export function serveScriptOf(root: string): string {
  const bundle = join(root, 'out', 'main', 'serve.js');
  return existsSync(bundle) ? bundle : join(root, 'main', 'cli', 'serve.ts');
}

/**
 * Starts the platform of this checkout, or of another one (`root`: e.g. a copy with a change to
 * compare, see `--compare` in the benches).
 */
export async function startPlatform(options: SpawnOptions & { root?: string } = {}): Promise<PlatformProcess> {
  const dir = tempDir('platform');
  let server: ServerProcess;
  try {
    const script = options.root ? serveScriptOf(options.root) : SERVE_SCRIPT;
    // A bench is one loopback source creating thousands of users on purpose: lift the per-source limit of this checkout
    // (another checkout, for --compare, may predate the flag).
    const limits = options.root ? [] : ['--new-users-per-source', '100000000'];
    server = await spawnServer(script, ['--port', '0', '--data-dir', dir.path, '--token', TOKEN, ...limits], options);
  } catch (error) {
    dir.remove();
    throw error;
  }
  return {
    ...server,
    dataDir: dir.path,
    async createBot(name = 'Bench bot') {
      const response = await fetch(`${server.url}/api/bots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      const body = (await response.json()) as { botId: string; webhookUrl: string; embedCode: string };
      if (response.status !== 201) throw new Error(`POST /api/bots answered ${response.status}: ${JSON.stringify(body)}`);
      return body;
    },
    async stop(options = {}) {
      await server.stop();
      if (!options.keepData) dir.remove();
    },
  };
}

/** The bare baseline (bench/lib/bare-server.ts) in its own process. */
export async function startBare(options: SpawnOptions = {}): Promise<ServerProcess & { webhookUrl: string; botId: string }> {
  const server = await spawnServer(join(ROOT, 'bench', 'lib', 'bare-server.ts'), [], options);
  return { ...server, webhookUrl: `${server.url}/hooks/bare`, botId: BARE_BOT_ID };
}

/** The Bot ID the bare server pretends to serve (it accepts any). */
export const BARE_BOT_ID = '0123456789abcdef01234567';
