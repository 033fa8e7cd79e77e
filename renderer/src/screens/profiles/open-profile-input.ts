/** Reads the metadata typed in the "open profile" prompt; the platform checks again on its side. */
export function parseMetadata(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `Not JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, reason: 'Metadata must be a JSON object, like {"myUserId":"123"}.' };
  return { ok: true, value: value as Record<string, unknown> };
}
