import { describe, expect, it } from 'vitest';
import { isWorkbenchSender } from '../../../main/shell/sender.ts';

const workbench = { webContentsId: 1, rendererUrl: 'file:///app/out/renderer/index.html' };
const event = (id: number, url: string, parent: unknown = null) => ({ sender: { id }, senderFrame: { url, parent } });

describe('isWorkbenchSender()', () => {
  it('accepts the workbench window’s own top frame', () => {
    expect(isWorkbenchSender(event(1, 'file:///app/out/renderer/index.html#/log'), workbench)).toBe(true);
  });

  it('refuses another webContents, such as a profile view', () => {
    expect(isWorkbenchSender(event(7, 'file:///app/out/renderer/index.html'), workbench)).toBe(false);
  });

  it('refuses an iframe inside the workbench and a page that navigated elsewhere', () => {
    expect(isWorkbenchSender(event(1, 'file:///app/out/renderer/index.html', {}), workbench)).toBe(false);
    expect(isWorkbenchSender(event(1, 'http://127.0.0.1:5000/site/abc'), workbench)).toBe(false);
    expect(isWorkbenchSender(event(1, 'file:///tmp/evil.html'), workbench)).toBe(false);
  });

  it('compares origins in development, where the renderer is served over http', () => {
    const dev = { webContentsId: 1, rendererUrl: 'http://localhost:5173/' };
    expect(isWorkbenchSender(event(1, 'http://localhost:5173/index.html'), dev)).toBe(true);
    expect(isWorkbenchSender(event(1, 'http://localhost:5174/'), dev)).toBe(false);
  });

  it('refuses an event without a frame (the frame was destroyed)', () => {
    expect(isWorkbenchSender({ sender: { id: 1 }, senderFrame: null }, workbench)).toBe(false);
  });
});
