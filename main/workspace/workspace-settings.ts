import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../platform/storage/private-files.ts';

/**
 * What a workspace remembers between starts, beside its databases. The platform port matters:
 * persistent profiles keep their storage per origin (127.0.0.1:<port>), so a new port would
 * make every returning visitor look new. The token lets an open workbench page reconnect.
 */
export interface WorkspaceSettings {
  platformPort?: number;
  token?: string;
}

const FILE = 'workspace.json';

export function readWorkspaceSettings(dataDir: string): WorkspaceSettings {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as WorkspaceSettings;
    return {
      ...(Number.isInteger(value.platformPort) ? { platformPort: value.platformPort } : {}),
      ...(typeof value.token === 'string' && value.token.length >= 8 ? { token: value.token } : {}),
    };
  } catch {
    return {};
  }
}

/** Written atomically (temp file + rename) and readable by the owner only: it holds the token. */
export function writeWorkspaceSettings(dataDir: string, settings: WorkspaceSettings): void {
  makePrivateDir(dataDir);
  const file = join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
