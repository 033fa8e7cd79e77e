/** SETCONFIG_BEFORE_WIDGET and SETCONFIG_TOO_LATE: the page configuring the widget at the wrong moment. */
import type { Finding, PageLoad } from './types.ts';
import { finding, quote, welcomes, when } from './calls.ts';

const metadataKeys = (value: unknown): string =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? `{ ${Object.keys(value).slice(0, 8).join(', ')} }` : quote(value);

export function setConfigFindings(load: PageLoad): Finding[] {
  const out: Finding[] = [];
  for (const call of load.calls) {
    if (call.by === 'browser' && call.method === 'page-error') {
      const method = typeof call.args[0] === 'string' ? call.args[0] : null;
      const name = call.api === 'legacy' ? 'FxoMessenger' : 'FlowXO';
      out.push(
        finding('SETCONFIG_BEFORE_WIDGET', load, `The page called ${name}${method ? `.${method}` : ''} before the script defined it`, [
          `Uncaught: ${call.error?.message ?? 'an error'} (${when(call)})`,
        ]),
      );
    }
  }
  // Legacy setConfig with identity keys once connected: Flow XO's documented moment is the ready callback.
  const loginAt = load.calls.find((call) => call.by === 'browser' && call.method === 'login-form')?.at ?? Infinity;
  const connectedWelcomes = welcomes(load);
  for (const call of load.calls) {
    if (call.by !== 'page' || call.api !== 'legacy' || call.method !== 'setConfig' || call.error) continue;
    if (call.widgetState !== 'connected' || call.at > loginAt) continue;
    const config = call.args[0];
    if (typeof config !== 'object' || config === null) continue;
    const keys = ['externalUserId', 'metadata'].filter((key) => key in config);
    if (!keys.length) continue;
    const before = connectedWelcomes.filter((welcome) => welcome.call.at <= call.at).at(-1);
    const after = connectedWelcomes.find((welcome) => welcome.call.at >= call.at);
    const evidence = [
      before ? `The widget connected as ${before.channelId} (${before.kind ?? 'unknown'}) ${when(before.call)}` : 'The widget was already connected',
      // Metadata by its keys only: its values may be what METADATA_CREDENTIAL is about.
      `setConfig({ ${keys.map((key) => (key === 'metadata' ? `metadata: ${metadataKeys((config as Record<string, unknown>).metadata)}` : `${key}: ${quote((config as Record<string, unknown>)[key])}`)).join(', ')} }) ${when(call)}`,
      after && before && after.channelId !== before.channelId
        ? `It then reconnected as ${after.channelId}: the visitor was ${before.channelId} first, a user the platform keeps`
        : 'The conversation already under way kept its identity; flows that had run saw none of it',
    ];
    out.push(finding('SETCONFIG_TOO_LATE', load, `setConfig(${keys.join(', ')}) after the widget had connected`, evidence));
  }
  return out;
}
