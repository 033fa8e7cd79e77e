import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decideStart, type StartFacts } from '../shell/start-decision.ts';

/**
 * `npm start`: the desktop app where Electron can run; otherwise one line saying why, then
 * browser mode. On an online machine a missing Electron binary is fetched first (Electron 42+
 * no longer downloads it on install).
 */
function electronExecutable(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const pathFile = join(dirname(pkg), 'path.txt');
    if (!existsSync(pathFile)) return null;
    const executable = join(dirname(pkg), 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

function tryInstallElectron(): { error: string } | null {
  const installer = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 180_000 });
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ''}${result.error?.message ?? ''}`.split('\n').filter((line) => /error/i.test(line));
  return { error: (lines[0] ?? `installer exited with ${result.status}`).trim().slice(0, 160) };
}

const facts: StartFacts = {
  electronExecutable: electronExecutable(),
  installAttempt: null,
  forceBrowser: process.env.BOTBENCH_BROWSER_MODE === '1',
  hasDisplay: process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY),
};
let decision = decideStart(facts);
if (decision.mode === 'install-then-electron') {
  console.error('Electron binary not found; fetching it (npx install-electron)…');
  facts.installAttempt = tryInstallElectron() ?? null;
  if (!facts.installAttempt) facts.electronExecutable = electronExecutable();
  if (!facts.installAttempt && !facts.electronExecutable) facts.installAttempt = { error: 'the installer finished but no binary was found' };
  decision = decideStart(facts);
}

const args = process.argv.slice(2);
let child;
if (decision.mode === 'electron') {
  child = spawn(decision.executable, ['.', ...args], { stdio: 'inherit' });
} else {
  const reason = decision.mode === 'browser' ? decision.reason : 'the Electron binary could not be installed';
  console.log(`Botbench desktop app unavailable: ${reason}. Starting browser mode instead.`);
  child = spawn(process.execPath, ['main/cli/web.ts', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
