import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportWorkspace, importWorkspace, previewImport } from '../api/workspace-transfer.ts';
import { PersonStore } from '../lab/person-store.ts';
import { BotbenchError } from '../platform/errors.ts';
import { Platform } from '../platform/platform.ts';
import { openDatabase } from '../platform/storage/database.ts';
import { WebhookHistory } from '../workspace/webhook-history.ts';
import { openWorkspace } from '../workspace/workspace-db.ts';
import { parseWorkspaceFile } from '../workspace/workspace-file.ts';
import type { ImportPreview } from '../workspace/types.ts';
import { readWorkspaceSettings } from '../workspace/workspace-settings.ts';

const USAGE = `Usage: npm run workspace -- export [--out <file>] [--secrets] [--transcripts] [--log] [--history] [--bot <botId>]… [--data-dir <dir>]
       npm run workspace -- import <file> [--on-conflict replace|skip] [--dry-run] [--data-dir <dir>]
A workspace file is one JSON (or YAML) file with bots (settings, flows; secrets only with --secrets),
request bins and identity-lab people, and optionally transcripts, the log and the webhook history.
Import shows what it adds, replaces and skips, then does all of it or nothing. Close the workbench
that uses --data-dir (default .data) first; the Bots screen does the same while it runs.
Exit status: 0 done, 1 refused (the reason is printed), 2 bad usage.`;

class UsageError extends Error {}

function options(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        secrets: { type: 'boolean', default: false },
        transcripts: { type: 'boolean', default: false },
        log: { type: 'boolean', default: false },
        history: { type: 'boolean', default: false },
        bot: { type: 'string', multiple: true },
        'on-conflict': { type: 'string', default: 'skip' },
        'dry-run': { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: '.data' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** One line per bot, bin and person: what the import does with it. */
export function describePreview(preview: ImportPreview): string {
  const lines = [
    ...preview.bots.map(
      (b) =>
        `${b.action.padEnd(7)} bot    ${b.botId} "${b.name}" (${b.flows} flows${b.users ? `, ${b.users} users, ${b.messages} messages` : ''}${b.logEntries ? `, ${b.logEntries} log entries` : ''}${b.secrets ? ', with secrets' : ''})`,
    ),
    ...preview.bins.map((b) => `${b.action.padEnd(7)} bin    ${b.id} "${b.name}"`),
    ...preview.persons.map((p) => `${p.action.padEnd(7)} person ${p.id} "${p.name}"`),
    ...preview.collections.map((c) => `${c.action.padEnd(7)} collection "${c.name}" (${c.requests} requests)`),
    ...preview.environments.map((e) => `${e.action.padEnd(7)} environment "${e.name}" (${e.variables} variables)`),
    ...(preview.webhookHistory ? [`add     ${preview.webhookHistory} webhook history entries`] : []),
    ...preview.notes.map((note) => `Note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const { values, positionals } = options(rest);
  if (values.help || command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'export' && command !== 'import') throw new UsageError(`The command is export or import; got ${JSON.stringify(command)}.`);
  const onConflict = values['on-conflict'];
  if (onConflict !== 'replace' && onConflict !== 'skip')
    throw new UsageError(`--on-conflict must be replace or skip; got ${JSON.stringify(onConflict)}.`);
  if (command === 'import' && positionals.length !== 1) throw new UsageError('import needs exactly one workspace file.');
  if (command === 'export' && positionals.length > 0) throw new UsageError(`export takes no files; got ${positionals.join(' ')} (use --out <file>).`);

  const dataDir = resolve(values['data-dir']);
  if (!existsSync(dataDir))
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `There is no workspace at ${dataDir}.`, { expected: 'the --data-dir of a workspace' });
  // The platform's URLs in exported flows and bots follow the workspace's remembered port.
  const port = readWorkspaceSettings(dataDir).platformPort ?? 0;
  const platform = new Platform(openDatabase(dataDir), () => `http://127.0.0.1:${port}`);
  const workspace = openWorkspace(dataDir);
  try {
    const context = { platform, persons: new PersonStore(workspace), history: new WebhookHistory(workspace), workspace };
    if (command === 'export') {
      const file = exportWorkspace(context, {
        secrets: values.secrets,
        transcripts: values.transcripts,
        log: values.log,
        webhookHistory: values.history,
        ...(values.bot ? { botIds: values.bot } : {}),
      });
      const text = `${JSON.stringify(file, null, 2)}\n`;
      if (values.secrets)
        process.stderr.write('Warning: this file holds the bots’ secrets; anyone with it can sign webhooks and identities as them.\n');
      if (values.out === undefined) process.stdout.write(text);
      else {
        writeFileSync(values.out, text, { mode: values.secrets ? 0o600 : 0o644 });
        process.stderr.write(`Wrote ${file.bots.length} bots, ${file.bins.length} bins, ${file.persons.length} people to ${resolve(values.out)}\n`);
      }
      return 0;
    }
    const source = positionals[0]!;
    const text = readFileSync(source, 'utf8');
    const file = parseWorkspaceFile(text, source);
    if (values['dry-run']) {
      process.stdout.write(describePreview(previewImport(context, file, onConflict)));
      return 0;
    }
    process.stdout.write(describePreview(importWorkspace(context, file, onConflict)));
    process.stdout.write(`Imported ${source} into ${join(dataDir)}\n`);
    return 0;
  } finally {
    platform.dispose();
    platform.db.close();
    workspace.close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof BotbenchError) {
    process.stderr.write(`${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Botbench workspace failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
