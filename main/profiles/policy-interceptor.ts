import { z } from 'zod';
import {
  adjustDocument,
  adjustHeaderValue,
  headerValues,
  reportOnlyCopy,
  type AdjustedDocument,
  type LocalWidgetOrigins,
  type ObservedPolicy,
} from './site-policy.ts';

/**
 * Where a profile's document responses are adjusted for the local widget (site-policy.ts), the
 * same in both adapters, over the Chrome DevTools Protocol's Fetch domain at the response stage,
 * for documents only (Playwright's CDPSession in Chromium, `webContents.debugger` in Electron).
 * In the browser itself, not refetched from Node: the response is the one the browser got, through
 * its own host-resolver rules, certificates and cookies. Chromium's request routing (Playwright's
 * route, which answers Flow XO's scripts) intercepts requests, this intercepts document responses;
 * the two coexist. Electron's `webRequest.onHeadersReceived` could change headers but not a
 * `<meta>` policy in the body, and a session has only one such listener.
 */
export interface InterceptorCdp {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Calls `listener` for each Fetch.requestPaused event of this page. */
  onRequestPaused(listener: (params: unknown) => void): void;
}

const header = z.object({ name: z.string(), value: z.string() });
const pausedSchema = z.object({
  requestId: z.string(),
  request: z.object({ url: z.string() }),
  frameId: z.string().optional(),
  resourceType: z.string(),
  responseStatusCode: z.number().optional(),
  responseStatusText: z.string().optional(),
  responseErrorReason: z.string().optional(),
  responseHeaders: z.array(header).optional(),
});
const bodySchema = z.object({ body: z.string(), base64Encoded: z.boolean() });
const frameTreeSchema = z.object({ frameTree: z.object({ frame: z.object({ id: z.string() }) }) });

export interface PolicyInterceptorOptions {
  /** What to let through, or null while the page belongs to no profile yet (a spare): responses then pass unchanged. */
  origins: () => LocalWidgetOrigins | null;
  /** The main frame's document policy, once per document (also when it has none: empty lists). */
  onPolicy: (policy: ObservedPolicy) => void;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Headers that describe the body as sent; the body handed back is the decoded one, so they would mislead. */
const BODY_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

/** Starts adjusting this page's document responses (before its next load). */
export async function installPolicyInterceptor(cdp: InterceptorCdp, options: PolicyInterceptorOptions): Promise<void> {
  let mainFrame: string | null = null;
  cdp.onRequestPaused((raw) => {
    const parsed = pausedSchema.safeParse(raw);
    if (!parsed.success) return;
    void adjust(cdp, parsed.data, options, mainFrame).catch(() =>
      // A page that went away mid-response, or a response Chromium would not hand over: let it pass as it was.
      cdp.send('Fetch.continueRequest', { requestId: parsed.data.requestId }).catch(() => undefined),
    );
  });
  await cdp.send('Page.enable');
  const tree = frameTreeSchema.safeParse(await cdp.send('Page.getFrameTree'));
  if (tree.success) mainFrame = tree.data.frameTree.frame.id;
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Response' }] });
}

async function adjust(
  cdp: InterceptorCdp,
  paused: z.infer<typeof pausedSchema>,
  options: PolicyInterceptorOptions,
  mainFrame: string | null,
): Promise<void> {
  const { requestId } = paused;
  const origins = options.origins();
  const status = paused.responseStatusCode;
  const headers = paused.responseHeaders ?? [];
  if (!origins || paused.responseErrorReason || status === undefined || REDIRECT.has(status)) {
    await cdp.send('Fetch.continueRequest', { requestId });
    return;
  }
  const asRecord: Record<string, string[]> = {};
  for (const h of headers) (asRecord[h.name] ??= []).push(h.value);
  const enforced = headerValues(asRecord, 'content-security-policy');
  const reportOnly = headerValues(asRecord, 'content-security-policy-report-only');
  const contentType = headerValues(asRecord, 'content-type').join(',');
  const html = contentType === '' || /text\/html|application\/xhtml\+xml/i.test(contentType);
  const report = (metas: string[], added: string[]) => {
    if (mainFrame === null || paused.frameId === undefined || paused.frameId === mainFrame)
      options.onPolicy({ url: paused.request.url, headers: enforced, reportOnlyHeaders: reportOnly, metas, added });
  };
  const adjustedHeaders = enforced.map((value) => ({ value, adjusted: adjustHeaderValue(value, origins) }));
  const headerNonce = adjustedHeaders.some((h) => h.adjusted.needsNonce);
  let body: Buffer | null = null;
  let doc: AdjustedDocument = { html: '', metas: [], adjustedMetas: [], added: [] };
  if (html) {
    const got = bodySchema.parse(await cdp.send('Fetch.getResponseBody', { requestId }));
    // Latin-1 maps bytes to characters one to one, so a page in any encoding comes back byte for byte.
    const text = got.base64Encoded ? Buffer.from(got.body, 'base64').toString('latin1') : Buffer.from(got.body, 'utf8').toString('latin1');
    doc = adjustDocument(text, origins, headerNonce);
    body = Buffer.from(doc.html, 'latin1');
  }
  const added = [...adjustedHeaders.flatMap((h) => h.adjusted.added), ...doc.added];
  report(doc.metas, added);
  if (added.length === 0) {
    await cdp.send('Fetch.continueRequest', { requestId });
    return;
  }
  const out = headers.filter((h) => !BODY_HEADERS.has(h.name.toLowerCase()) && h.name.toLowerCase() !== 'content-security-policy');
  for (const h of adjustedHeaders) out.push({ name: 'Content-Security-Policy', value: h.adjusted.text });
  // The site's own policies, enforced no more but still reported: the browser's evidence of what production would block.
  for (const h of adjustedHeaders)
    if (h.adjusted.added.length)
      for (const p of h.value.split(',')) out.push({ name: 'Content-Security-Policy-Report-Only', value: reportOnlyCopy(p) });
  for (const meta of doc.adjustedMetas) out.push({ name: 'Content-Security-Policy-Report-Only', value: reportOnlyCopy(meta, 'meta') });
  if (body === null) {
    await cdp.send('Fetch.continueResponse', { requestId, responseCode: status, responseHeaders: out });
    return;
  }
  await cdp.send('Fetch.fulfillRequest', {
    requestId,
    responseCode: status,
    ...(paused.responseStatusText ? { responsePhrase: paused.responseStatusText } : {}),
    responseHeaders: out,
    body: body.toString('base64'),
  });
}
