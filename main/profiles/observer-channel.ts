import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { MAX_CALL_BYTES } from '../common/messenger-calls.ts';
import { pageRecorderScript } from './page-recorder.ts';
import { widgetObserverScript, type WidgetReport } from './profile-host.ts';
import type { PageAction } from './types.ts';

/**
 * How a profile page's widget observer reports to the host, the same in both adapters, over
 * the Chrome DevTools Protocol (Playwright's CDPSession in Chromium, `webContents.debugger`
 * in Electron): a binding with a random name, taken off the page's globals by the observer
 * before any page script runs, and a per-page secret in every report. The page can neither
 * find the channel nor forge a report on it: a report without the secret is dropped, and a
 * malformed one is dropped without throwing. (What the widget itself says can still be
 * faked by a page that replaces FxoMessenger or FlowXO; ProfileService checks a "connected" report
 * against the platform's own open sockets.)
 */
export interface ObserverCdp {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Calls `listener` for each Runtime.bindingCalled event of this page. */
  onBindingCalled(listener: (params: { name: string; payload: string }) => void): void;
}

/** A report is small (a recorded call's copies take at most MAX_CALL_BYTES); anything much larger is not one of ours. */
const MAX_PAYLOAD = 16 * 1024 + MAX_CALL_BYTES;

const text = (max: number) => z.string().max(max);
/** A recorded call (main/common/messenger-calls.ts); its copies are JSON by construction, so only their count is bounded here. */
const callSchema = z.object({
  at: z.number().finite().nonnegative(),
  api: z.enum(['legacy', 'current']),
  by: z.enum(['page', 'platform', 'browser']),
  method: text(64),
  args: z.array(z.unknown()).max(16),
  result: z.unknown().optional(),
  widgetState: text(32),
  error: z.object({ code: text(64).optional(), message: text(2000) }).optional(),
});
const reportSchema = z.object({
  secret: text(64),
  report: z.object({
    loadId: text(64),
    state: text(64),
    channelId: text(128).nullable(),
    responsePath: text(256).nullable(),
    kind: text(32).nullable(),
    error: text(2000).nullish(),
    errorCode: text(64).nullish(),
    call: callSchema.optional(),
    page: text(2048).optional(),
  }),
});

/** What the page recorder reports (page-recorder.ts); selectors and values are bounded, keys are names such as "Enter". */
const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('click'), selector: text(1000).min(1) }),
  z.strictObject({ type: z.literal('fill'), selector: text(1000).min(1), value: text(10_000) }),
  z.strictObject({ type: z.literal('press'), key: text(32).min(1), selector: text(1000).min(1).optional() }),
]);
const actionPayloadSchema = z.object({ secret: text(64), action: actionSchema });

/** The observer script for one page (the widget observer and the page recorder): `binding` and `secret` are kept in its closure only. */
export function observerSource(binding: string, secret: string): string {
  // Taken before any page script runs, so a page that later replaces JSON.stringify or looks for the binding finds neither.
  const channel = `(() => { const post = window[${JSON.stringify(binding)}]; delete window[${JSON.stringify(binding)}]; const stringify = JSON.stringify; return (kind, value) => post(stringify({ secret: ${JSON.stringify(secret)}, [kind]: value })); })()`;
  // One name for the channel that neither script uses for anything else: each script's own names live in its own closure.
  return `(() => { const botbenchChannel = ${channel}; ${widgetObserverScript('(r) => botbenchChannel("report", r)')} ${pageRecorderScript('(a) => botbenchChannel("action", a)')} })();`;
}

/** What a binding payload carries: a widget report or a page action. */
export type ObserverMessage = { kind: 'report'; report: WidgetReport } | { kind: 'action'; action: PageAction };

/** The message in a binding payload, or null when it is malformed, too large or lacks this page's secret. Never throws. */
export function parseObserverMessage(payload: unknown, secret: string): ObserverMessage | null {
  if (typeof payload !== 'string' || payload.length > MAX_PAYLOAD) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const report = reportSchema.safeParse(value);
  const action = report.success ? null : actionPayloadSchema.safeParse(value);
  const given = report.success ? report.data.secret : action?.success ? action.data.secret : null;
  if (given === null) return null;
  const expected = Buffer.from(secret);
  if (Buffer.byteLength(given) !== expected.length || !timingSafeEqual(Buffer.from(given), expected)) return null;
  if (report.success) return { kind: 'report', report: report.data.report };
  return action?.success ? { kind: 'action', action: action.data.action } : null;
}

/** The widget report in a binding payload, or null (a page action, malformed, too large, or without this page's secret). Never throws. */
export function parseObserverPayload(payload: unknown, secret: string): WidgetReport | null {
  const message = parseObserverMessage(payload, secret);
  return message?.kind === 'report' ? message.report : null;
}

/** Installs the observer on a page (before its next load) and routes its valid reports to `onReport`, the tester's actions in the page to `onAction`. */
export async function installObserver(
  cdp: ObserverCdp,
  onReport: (report: WidgetReport) => void,
  onAction: (action: PageAction) => void = () => undefined,
): Promise<void> {
  const binding = `__bb${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  cdp.onBindingCalled(({ name, payload }) => {
    if (name !== binding) return;
    const message = parseObserverMessage(payload, secret);
    if (message?.kind === 'report') onReport(message.report);
    else if (message?.kind === 'action') onAction(message.action);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: binding });
  await cdp.send('Page.enable');
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: observerSource(binding, secret) });
}
