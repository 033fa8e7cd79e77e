import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, EVENT_CHANNEL, type IpcEnvelope, type WorkbenchInfo } from '../../main/api/contract.ts';
import type { FakeBrowserWindow } from '../mocks/electron.ts';
import { app, calls, FakeWebContentsView, ipcMain, resetElectronFake, session, shell, windows, type FakeSender } from '../mocks/electron.ts';

vi.mock('electron', async () => (await import('../mocks/electron.ts')).electronFake);

/**
 * The desktop app's main process (main/index.ts) booted against the recording fake of
 * Electron: the real platform, workspace and services start; only Electron is faked.
 */
describe('the desktop app’s main process', () => {
  const userData = mkdtempSync(join(tmpdir(), 'botbench-electron-main-'));
  let window: FakeBrowserWindow;
  let rendererUrl: string;
  let workbenchFrame: FakeSender;

  beforeAll(async () => {
    resetElectronFake();
    process.env.BOTBENCH_DATA_DIR = userData;
    delete process.env.ELECTRON_RENDERER_URL;
    const { started } = await import('../../main/index.ts');
    app.$ready();
    await started;
    expect(windows).toHaveLength(1);
    window = windows[0]!;
    rendererUrl = window.webContents.getURL();
    workbenchFrame = { sender: window.webContents, frame: { url: rendererUrl, parent: null } };
  });
  afterAll(() => {
    delete process.env.BOTBENCH_DATA_DIR;
    rmSync(userData, { recursive: true, force: true });
  });

  function invoke(method: string, from: FakeSender, params?: unknown): Promise<IpcEnvelope> {
    return ipcMain.$invoke(method, from, params) as Promise<IpcEnvelope>;
  }

  it('keeps its workspace under the data directory it was given', () => {
    expect(app.getPath('userData')).toBe(userData);
    expect(existsSync(join(userData, 'workspace'))).toBe(true);
  });

  it('creates the window with exactly the hardened webPreferences, hidden until ready, and loads the built workbench page', () => {
    const { webPreferences, ...rest } = window.$options;
    // toEqual, not toMatchObject: a weakened setting or an added one (webviewTag, nodeIntegrationInSubFrames, …) fails.
    expect(webPreferences).toEqual({
      preload: expect.stringMatching(/[/\\]preload[/\\]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(rest.show).toBe(false);
    expect(window.isVisible()).toBe(true); // shown on ready-to-show
    expect(rendererUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('loads a workbench page whose Content-Security-Policy allows only its own scripts and connections', () => {
    // The page the window loads in production (out/renderer) when built, and its source, which the build copies the policy from.
    const pages = [fileURLToPath(rendererUrl), join(import.meta.dirname, '../../renderer/index.html')].filter((file) => existsSync(file));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(page, 'utf8'))?.[1];
      expect(csp, page).toBeDefined();
      const directives = new Map(
        csp!
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .filter((words) => words[0])
          .map(([name, ...sources]) => [name!, sources]),
      );
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      expect(directives.get('form-action')).toEqual(["'none'"]);
    }
  });

  it('never navigates the window away: http(s) links open in the user’s browser, anything else goes nowhere', () => {
    expect(window.webContents.$navigate(rendererUrl)).toBe(false);
    expect(window.webContents.$navigate('https://example.com/docs')).toBe(true);
    expect(window.webContents.$navigate('file:///etc/passwd')).toBe(true);
    expect(window.webContents.$navigate('javascript:alert(1)')).toBe(true);
    expect(shell.$opened).toEqual(['https://example.com/docs']);
  });

  it('refuses window.open and <webview> in every web contents, the window’s and any made later', () => {
    const later = new FakeWebContentsView({ webPreferences: { partition: 'later' } }).webContents;
    for (const contents of [window.webContents, later]) {
      expect(contents.$windowOpen('https://example.com/')).toEqual({ action: 'deny' });
      expect(contents.$attachWebview('https://example.com/')).toBe(true);
    }
  });

  it('refuses the workbench page every permission but writing to the clipboard', async () => {
    const ses = session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'display-capture', 'clipboard-read'] as const) {
      expect(await ses.$requestPermission(permission, window.webContents), permission).toBe(false);
    }
    expect(ses.$checkPermission('geolocation', 'file://')).toBe(false);
    expect(ses.$checkPermission('clipboard-read', 'file://')).toBe(false);
    expect(await ses.$requestPermission('clipboard-sanitized-write', window.webContents)).toBe(true);
    expect(ses.$checkPermission('clipboard-sanitized-write', 'file://')).toBe(true);
  });

  it('registers exactly one IPC handler per contract method, and nothing else', () => {
    expect([...ipcMain.$handlers.keys()].sort()).toEqual([...API_METHODS].sort());
    const handled = calls.filter((call) => call.target === 'ipcMain' && call.method === 'handle').map((call) => call.args[0]);
    expect(handled).toHaveLength(API_METHODS.length);
    expect(new Set(handled).size).toBe(API_METHODS.length);
  });

  it('answers the workbench’s own top frame, and pushes platform events to the window', async () => {
    const info = await invoke('workbench.info', workbenchFrame);
    expect(info.ok).toBe(true);
    expect((info as { result: WorkbenchInfo }).result.mode).toBe('electron');
    const before = window.webContents.$sent.length;
    const created = await invoke('bots.create', workbenchFrame, { name: 'Pushed' });
    expect(created.ok).toBe(true);
    await expect.poll(() => window.webContents.$sent.slice(before).some((sent) => sent.channel === EVENT_CHANNEL)).toBe(true);
  });

  it('refuses, with the documented error, a call from anything but the workbench window’s top frame at its own URL', async () => {
    const profileView = new FakeWebContentsView({ webPreferences: { partition: 'persist:botbench-profile-x' } }).webContents;
    const refused: Array<[string, FakeSender]> = [
      ['a profile’s page', { sender: profileView, frame: { url: 'http://127.0.0.1/site/x', parent: null } }],
      ['another web contents showing the workbench page', { sender: profileView, frame: { url: rendererUrl, parent: null } }],
      ['an iframe in the workbench window', { sender: window.webContents, frame: { url: rendererUrl, parent: {} } }],
      ['the window after navigating elsewhere', { sender: window.webContents, frame: { url: 'https://example.com/', parent: null } }],
      ['another file: page in the window', { sender: window.webContents, frame: { url: 'file:///tmp/evil.html', parent: null } }],
      ['a frame that is gone', { sender: window.webContents, frame: null }],
    ];
    for (const [who, from] of refused) {
      for (const method of ['workbench.info', 'bots.create'] as const) {
        expect(await invoke(method, from, { name: 'Forged' }), `${who}: ${method}`).toEqual({
          ok: false,
          error: { code: 'BOTBENCH_ERR_UNAUTHORIZED', message: 'Only the workbench window may call the workbench API.' },
        });
      }
    }
    const bots = await invoke('bots.list', workbenchFrame);
    expect((bots as { result: Array<{ name: string }> }).result.map((bot) => bot.name)).not.toContain('Forged');
  });

  it('stops the platform and removes its handlers when the last window closes, then exits', async () => {
    const info = (await invoke('workbench.info', workbenchFrame)) as { result: WorkbenchInfo };
    const health = new URL('/api/health', info.result.platformUrl);
    expect((await fetch(health)).status).toBe(200);
    window.close();
    await expect.poll(() => app.$exitCode).toBe(0);
    expect(calls.some((call) => call.target === 'app' && call.method === 'quit')).toBe(true);
    expect(ipcMain.$handlers.size).toBe(0);
    await expect(fetch(health)).rejects.toThrow();
  });
});
