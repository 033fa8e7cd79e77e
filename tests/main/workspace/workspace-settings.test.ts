import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorkspaceSettings, writeWorkspaceSettings } from '../../../main/workspace/workspace-settings.ts';

describe('workspace settings', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'botbench-settings-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('round-trips the platform port and token, readable by the owner only', () => {
    const d = dir();
    writeWorkspaceSettings(d, { platformPort: 4555, token: 'a-long-token' });
    expect(readWorkspaceSettings(d)).toEqual({ platformPort: 4555, token: 'a-long-token' });
    expect(statSync(join(d, 'workspace.json')).mode & 0o777).toBe(0o600);
  });

  it('reads nothing from a missing, broken or odd file', () => {
    const d = dir();
    expect(readWorkspaceSettings(d)).toEqual({});
    writeFileSync(join(d, 'workspace.json'), '{not json');
    expect(readWorkspaceSettings(d)).toEqual({});
    writeFileSync(join(d, 'workspace.json'), '{"platformPort":"80","token":"short"}');
    expect(readWorkspaceSettings(d)).toEqual({});
  });
});
