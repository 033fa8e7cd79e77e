// Electron entry: filled in by the Electron shell work; the platform runs headless via main/cli/serve.ts.
import { app } from 'electron';

void app.whenReady().then(() => app.quit());
