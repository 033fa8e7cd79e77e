import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { registerIpcTransport } from './api/ipc-transport.ts';
import { ElectronProfileHost } from './profiles/electron-host.ts';
import { startWorkbench, type Workbench } from './workbench.ts';

/**
 * The desktop app: the platform runs here in the main process; the workbench window is the
 * same renderer as browser mode, talking over IPC; profiles are WebContentsViews on session
 * partitions. BOTBENCH_DATA_DIR (or --data-dir=…) moves the workspace, e.g. for tests.
 */
const dataDirArg = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
if (process.env.BOTBENCH_DATA_DIR || dataDirArg) app.setPath('userData', process.env.BOTBENCH_DATA_DIR ?? dataDirArg!);

let window: BrowserWindow | null = null;
let workbench: Workbench | undefined;
let removeIpc: (() => void) | undefined;

// Every webContents (profile views included) is refused <webview> and new windows by default.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

/** The workbench page asks for one permission only: writing to the clipboard (copy buttons). Everything else is refused. */
const WORKBENCH_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

async function createWindow(): Promise<void> {
  // Profiles have sessions of their own (ElectronProfileHost hardens them); the default session is the workbench's.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(WORKBENCH_PERMISSIONS.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => WORKBENCH_PERMISSIONS.has(permission));
  workbench = await startWorkbench({
    dataDir: join(app.getPath('userData'), 'workspace'),
    mode: 'electron',
    createHost: () => new ElectronProfileHost(() => window),
    restoreProfiles: false,
  });
  window = new BrowserWindow({
    width: 1500,
    height: 950,
    minWidth: 900,
    minHeight: 600,
    title: 'Botbench',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).toString();
  removeIpc = registerIpcTransport(ipcMain, window, workbench.services, rendererUrl);
  // The workbench itself never navigates away; external links open in the user's browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) {
      event.preventDefault();
      if (/^https?:/.test(url)) void shell.openExternal(url);
    }
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  await window.loadURL(rendererUrl);
  // Persistent profiles come back after the window exists, so their views have somewhere to go.
  await workbench.profiles.restore();
}

/** Settles once the window is up and persistent profiles are back (or the app gave up); tests await it. */
export const started: Promise<void> = app
  .whenReady()
  .then(createWindow)
  .catch((error: unknown) => {
    console.error('Botbench could not start:', error);
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !workbench) return;
  quitting = true;
  event.preventDefault();
  removeIpc?.();
  workbench.close().finally(() => app.exit(0));
});
