/** METADATA_*: what the page put in the metadata: something like a credential, too much, or what JSON cannot carry. */
import { isMarker } from '../common/messenger-calls.ts';
import { MAX_METADATA_BYTES } from '../common/widget-frames.ts';
import type { Finding, PageLoad } from './types.ts';
import { finding, metadataPassed, when } from './calls.ts';

/** Key names whose values are secrets (password, token, secret, api key, session, …). */
const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth(orization)?|session[-_]?id|cookie|bearer)$/i;
/** Values that are credentials whatever their key. */
const SECRET_VALUES: Array<[RegExp, string]> = [
  [/^eyJ[\w-]{4,}\.eyJ[\w-]{2,}\.[\w-]*$/, 'a JWT'],
  [/^Bearer\s+\S{8,}$/i, 'a bearer token'],
  [/^Basic\s+[A-Za-z0-9+/=]{8,}$/, 'HTTP basic credentials'],
  [/^(sk|rk)_(live|test)_[A-Za-z0-9]{8,}$/, 'a Stripe secret key'],
  [/^gh[pousr]_[A-Za-z0-9]{20,}$/, 'a GitHub token'],
  [/^xox[abposr]-[A-Za-z0-9-]{10,}$/, 'a Slack token'],
  [/^AKIA[0-9A-Z]{16}$/, 'an AWS access key id'],
];

/** A credential-looking value inside metadata: its path and why. */
export interface CredentialHit {
  path: string;
  why: string;
  /** The value, cut so the finding does not spread the secret further. */
  redacted: string;
}

const redact = (value: string): string => (value.length <= 6 ? '•••' : `${value.slice(0, 4)}… (${value.length} characters)`);

/** Every credential-looking value in a (copied) metadata object. Pure and total: any JSON-safe copy is accepted. */
export function credentialsIn(value: unknown, path = 'metadata'): CredentialHit[] {
  const hits: CredentialHit[] = [];
  const walk = (node: unknown, at: string, key: string | null, depth: number): void => {
    if (depth > 10) return;
    if (typeof node === 'string') {
      const text = node.trim();
      const byValue = SECRET_VALUES.find(([pattern]) => pattern.test(text));
      if (byValue) hits.push({ path: at, why: byValue[1], redacted: redact(text) });
      else if (key !== null && SECRET_KEY.test(key) && text.length >= 4)
        hits.push({ path: at, why: `a value under the key "${key}"`, redacted: redact(text) });
      return;
    }
    if (isMarker(node)) {
      if ('$truncated' in node && node.$truncated === 'string') walk(node.text, at, key, depth + 1);
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`, key, depth + 1));
    else if (typeof node === 'object' && node !== null)
      for (const [name, item] of Object.entries(node))
        walk(item, /^[A-Za-z_$][\w$]*$/.test(name) ? `${at}.${name}` : `${at}[${JSON.stringify(name)}]`, name, depth + 1);
  };
  walk(value, path, null, 0);
  return hits;
}

/** What JSON cannot carry in a copied metadata object: the marker's kind and where. */
export function unserialisableIn(value: unknown, path = 'metadata'): Array<{ path: string; what: string }> {
  const found: Array<{ path: string; what: string }> = [];
  const walk = (node: unknown, at: string): void => {
    if (isMarker(node)) {
      if ('$unserialisable' in node) found.push({ path: at, what: node.$unserialisable });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`));
    else if (typeof node === 'object' && node !== null) for (const [name, item] of Object.entries(node)) walk(item, `${at}.${name}`);
  };
  walk(value, path);
  return found;
}

/** The JSON size of metadata as recorded: measured when too large to copy, else measured on the copy. */
function bytesOf(value: unknown): number | null {
  if (isMarker(value)) return '$truncated' in value && value.$truncated === 'size' ? value.bytes : null;
  const json = JSON.stringify(value);
  return json === undefined ? null : new TextEncoder().encode(json).length;
}

/** Throwing kinds (the widget refuses the call) versus kinds JSON silently drops or empties. */
const REFUSED_KINDS = new Set(['cycle', 'bigint', 'toJSON threw', 'getter threw', 'threw while copied']);

export function metadataFindings(load: PageLoad): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const once = (key: string): boolean => !seen.has(key) && (seen.add(key), true);
  for (const call of load.calls) {
    for (const { value, via } of metadataPassed(call)) {
      const at = `${via} ${when(call)}`;
      for (const hit of credentialsIn(value)) {
        if (!once(`cred:${hit.path}:${hit.redacted}`)) continue;
        out.push(
          finding('METADATA_CREDENTIAL', load, `Metadata carries ${hit.why} at ${hit.path}`, [
            `${at}: ${hit.path} = ${hit.redacted}`,
            'Metadata reaches the trigger of every flow this widget starts, and the interaction log',
          ]),
        );
      }
      // The widget's own refusal names the size when the copy could not (a huge sendMessage metadata argument).
      const refusedSize = /at most \d+ bytes of JSON; got (\d+)/.exec(call.error?.message ?? '');
      const bytes = refusedSize ? Number(refusedSize[1]) : bytesOf(value);
      if (bytes !== null && bytes > MAX_METADATA_BYTES && once(`size:${via}`)) {
        out.push(
          finding('METADATA_TOO_LARGE', load, `Metadata is ${bytes} bytes of JSON; the limit is ${MAX_METADATA_BYTES}`, [
            at,
            ...(call.error ? [`The widget refused it: ${call.error.message}`] : []),
          ]),
        );
      }
      const bad = unserialisableIn(value);
      if (bad.length && once(`json:${via}:${bad.map((b) => b.path).join()}`)) {
        const refused = bad.some((item) => REFUSED_KINDS.has(item.what));
        out.push(
          finding(
            'METADATA_NOT_SERIALISABLE',
            load,
            refused ? 'Metadata is not JSON-serialisable; the call was refused' : 'Metadata holds values JSON drops or empties',
            [
              at,
              ...bad.slice(0, 5).map((item) => `${item.path} is a ${item.what}`),
              ...(call.error ? [`The widget said: ${call.error.message}`] : []),
            ],
            refused ? {} : { severity: 'warning' },
          ),
        );
      }
    }
  }
  return out;
}
