/** Saves text as a file through a temporary <a download>, the way a browser page can. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A filesystem-safe timestamp for export names: 2024-05-01T14-03-27. */
export function fileStamp(at = Date.now()): string {
  return new Date(at).toISOString().slice(0, 19).replaceAll(':', '-');
}
