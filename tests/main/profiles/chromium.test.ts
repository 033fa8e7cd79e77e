import { describe, expect, it, vi } from 'vitest';
import { chromiumLaunch, sandboxSupport, type SandboxProbe } from '../../../main/profiles/chromium.ts';

const probe = (uid: number, files: Record<string, string> = {}): SandboxProbe => ({ uid, read: (path) => files[path] });

describe('sandboxSupport()', () => {
  it('keeps the sandbox for an ordinary user where user namespaces are on', () => {
    expect(sandboxSupport(probe(1000, { '/proc/sys/user/max_user_namespaces': '63000' }))).toEqual({ sandbox: true, reason: '' });
    expect(sandboxSupport(probe(1000))).toEqual({ sandbox: true, reason: '' });
  });

  it('cannot keep it as root, and says so', () => {
    expect(sandboxSupport(probe(0))).toEqual({ sandbox: false, reason: expect.stringContaining('root') });
  });

  it.each([
    ['/proc/sys/kernel/unprivileged_userns_clone', '0'],
    ['/proc/sys/user/max_user_namespaces', '0'],
    ['/proc/sys/kernel/apparmor_restrict_unprivileged_userns', '1'],
  ])('cannot keep it when %s is %s, and names the switch', (path, value) => {
    const support = sandboxSupport(probe(1000, { [path]: value }));
    expect(support.sandbox).toBe(false);
    expect(support.reason).toContain(path.split('/').slice(-1)[0]);
  });
});

describe('chromiumLaunch()', () => {
  it('turns the sandbox off only where it cannot run, and says why in the log once', () => {
    const log = vi.fn();
    const without = chromiumLaunch({ sandbox: false, reason: 'running as root' }, log);
    expect(without).toMatchObject({ chromiumSandbox: false, args: expect.arrayContaining(['--no-sandbox']) });
    chromiumLaunch({ sandbox: false, reason: 'running as root' }, log);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/without its sandbox.*running as root/);

    const withSandbox = chromiumLaunch({ sandbox: true, reason: '' }, log);
    expect(withSandbox.chromiumSandbox).toBe(true);
    expect(withSandbox.args).not.toContain('--no-sandbox');
    expect(withSandbox.args).toContain('--disable-background-networking');
  });
});
