/** Just what the check needs of an IPC event, so it is testable without Electron. */
export interface IpcSenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True only for calls from the workbench window's own top frame at the workbench's own URL.
 * A profile view, an iframe or a page that navigated elsewhere is refused.
 */
export function isWorkbenchSender(event: IpcSenderInfo, workbench: { webContentsId: number; rendererUrl: string }): boolean {
  if (event.sender.id !== workbench.webContentsId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return sameDocumentBase(frame.url, workbench.rendererUrl);
}

function sameDocumentBase(url: string, expected: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(expected);
    if (a.protocol === 'file:' || b.protocol === 'file:') return a.protocol === b.protocol && a.pathname === b.pathname;
    return a.origin === b.origin;
  } catch {
    return false;
  }
}
