import { readFileSync } from 'node:fs';
import { BotbenchError } from '../platform/errors.ts';
import { describeMissingBrowser, discoverBrowser } from './browser-discovery.ts';

/**
 * The Chromium-based browser profiles run in (see discoverBrowser for where it looks; BOTBENCH_CHROMIUM
 * overrides). Throws BOTBENCH_ERR_NO_BROWSER, naming what to install, when there is none.
 */
export function chromiumExecutable(): string {
  const found = discoverBrowser();
  if (!found.found) throw new BotbenchError('BOTBENCH_ERR_NO_BROWSER', describeMissingBrowser(found));
  return found.executable;
}

/**
 * Flags for every Chromium Botbench starts. Background networking, component updates and sync
 * are off: they reach for Google's hosts, which a closed network refuses (and a test should not
 * depend on). The sandbox is decided by `sandboxSupport()`, not here.
 */
const BASE_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** What the machine says about Chromium's sandbox: the process's user and the kernel's user-namespace switches. */
export interface SandboxProbe {
  uid: number | undefined;
  /** A /proc/sys file's trimmed content, or undefined when it does not exist. */
  read(path: string): string | undefined;
}

export interface SandboxSupport {
  sandbox: boolean;
  /** Why not, when not: said once in the log. */
  reason: string;
}

const machine: SandboxProbe = {
  uid: process.getuid?.(),
  read(path) {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return undefined;
    }
  },
};

/**
 * Whether Chromium's sandbox can run here. Chromium refuses to start as root without
 * --no-sandbox, and on Linux its sandbox needs unprivileged user namespaces (Debian ships no
 * setuid helper). Anywhere else the sandbox stays on.
 */
export function sandboxSupport(probe: SandboxProbe = machine): SandboxSupport {
  if (probe.uid === 0) return { sandbox: false, reason: 'running as root, where Chromium cannot use its sandbox' };
  if (probe.read('/proc/sys/kernel/unprivileged_userns_clone') === '0') {
    return { sandbox: false, reason: 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)' };
  }
  if (probe.read('/proc/sys/user/max_user_namespaces') === '0') {
    return { sandbox: false, reason: 'user namespaces are off (user.max_user_namespaces = 0)' };
  }
  if (probe.read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') {
    return { sandbox: false, reason: 'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)' };
  }
  return { sandbox: true, reason: '' };
}

let told = false;

/**
 * Launch settings for every Chromium Botbench starts: the flags, and the sandbox where the
 * machine allows it. Without it, the log says why, once per process. (Playwright turns the
 * sandbox off unless `chromiumSandbox` is true, so both settings are given.)
 */
export function chromiumLaunch(
  support: SandboxSupport = sandboxSupport(),
  log: (line: string) => void = console.error,
): { args: string[]; chromiumSandbox: boolean } {
  if (!support.sandbox && !told) {
    told = true;
    log(`Botbench: Chromium runs without its sandbox (--no-sandbox): ${support.reason}.`);
  }
  return { args: [...BASE_ARGS, ...(support.sandbox ? [] : ['--no-sandbox'])], chromiumSandbox: support.sandbox };
}
