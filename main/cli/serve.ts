import { parseArgs } from 'node:util';
import { build } from '../platform/server.ts';

const usage =
  'Usage: npm run serve -- [--port <port>] [--host <host>] [--data-dir <dir>] [--token <token>] [--demo] [--log]\n' +
  '  [--keep-log-entries <n>] [--keep-users <n>] [--new-users-per-connection <n>] [--new-users-per-source <n>] [--flow-http-max-bytes <n>]';

/** A whole number of at least 1 from a flag, or why not. */
function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1) return n;
  console.error(`--${flag} must be a whole number of at least 1; got ${JSON.stringify(value)}.\n${usage}`);
  process.exit(2);
}

/** Headless platform: prints one "listening" line, stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        token: { type: 'string' },
        log: { type: 'boolean', default: false },
        'keep-log-entries': { type: 'string' },
        'keep-users': { type: 'string' },
        'new-users-per-connection': { type: 'string' },
        'new-users-per-source': { type: 'string' },
        'flow-http-max-bytes': { type: 'string' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  const keepLog = count('keep-log-entries', values['keep-log-entries']);
  const keepUsers = count('keep-users', values['keep-users']);
  const perConnection = count('new-users-per-connection', values['new-users-per-connection']);
  const perSource = count('new-users-per-source', values['new-users-per-source']);
  const httpMax = count('flow-http-max-bytes', values['flow-http-max-bytes']);
  const server = await build({
    retention: { ...(keepLog === undefined ? {} : { logEntries: keepLog }), ...(keepUsers === undefined ? {} : { users: keepUsers }) },
    ...(perConnection === undefined ? {} : { newUsersPerConnection: perConnection }),
    ...(perSource === undefined ? {} : { newUsersPerSource: perSource }),
    ...(httpMax === undefined ? {} : { flowHttpMaxResponseBytes: httpMax }),
    host: values.host,
    port,
    dataDir: values['data-dir'] ?? '.data',
    logger: values.log,
    ...(values.token ? { token: values.token } : {}),
  }).catch((error: Error) => {
    console.error(`Botbench platform could not start: ${error.message}`);
    process.exit(1);
  });
  const url = await server.listen().catch((error: Error) => {
    console.error(`Botbench platform could not listen on ${values.host}:${values.port}: ${error.message}`);
    process.exit(1);
  });
  console.log(`Botbench platform listening on ${url}`);
  // stdout carries exactly the one line above; everything else goes to stderr.
  if (!values.token) console.error(`Admin token (generated; pass --token to choose one): ${server.options.token}`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
    console.error(
      `--host ${values.host}: every route (widget, embed.js, site pages, webhooks, channels, bins, health, admin API) is reachable there; ` +
        'a request that arrives on any address but 127.0.0.1 or ::1 must carry "Authorization: Bearer <token>", or it is refused with 401.',
    );
  }
  if (values.demo) {
    const bot = server.platform.bots.list()[0] ?? server.platform.createBot({ name: 'Demo bot' });
    console.error(
      `Demo bot ${bot.botId}\n  customer site:   ${url}/site/${bot.botId}\n  external ID:     ${url}/site/${bot.botId}?externalUserId=User123\n  clear its data:  ${url}/site/${bot.botId}/clear\n  webhook URL:     ${bot.webhookUrl}`,
    );
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Botbench platform stopped with an error after ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
