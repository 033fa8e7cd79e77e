/** READY_CALLBACK_*: the page's setup hook (embed.js `?callback=`, onFlowXOInit) missing, never called, or failing. */
import type { Finding, PageLoad } from './types.ts';
import { finding, when } from './calls.ts';

export function readyCallbackFindings(load: PageLoad): Finding[] {
  const out: Finding[] = [];
  for (const call of load.calls) {
    if (call.by === 'browser' && call.method === 'never-started') {
      const src = (call.args[0] as { src?: unknown } | undefined)?.src;
      const script = typeof src === 'string' ? src : 'the widget script';
      const named = typeof src === 'string' ? /[?&]callback=([^&]+)/.exec(src)?.[1] : undefined;
      out.push(
        finding(
          'READY_CALLBACK_NEVER_CALLED',
          load,
          call.api === 'legacy'
            ? `embed.js never started${named ? `, so ${decodeURIComponent(named)}() was never called` : ''}`
            : 'loader.js never started a messenger, so onFlowXOInit’s member never reached it',
          [`${script} is on the page; no widget had started ${when(call)} (6 s after the page’s load event)`],
        ),
      );
      continue;
    }
    if (call.by !== 'page' || !call.error) continue;
    if (call.method === 'ready-callback') {
      const name = String(call.args[0]);
      if (call.error.code === 'MISSING')
        out.push(finding('READY_CALLBACK_MISSING', load, `embed.js?callback=${name} names no function`, [call.error.message]));
      else out.push(finding('READY_CALLBACK_THREW', load, `The ready callback ${name}() threw`, [`${call.error.message} (${when(call)})`]));
    } else if (call.method === 'onFlowXOInit') {
      if (call.error.code === 'NOT_A_FUNCTION')
        out.push(finding('READY_CALLBACK_MISSING', load, 'window.onFlowXOInit is not a function', [call.error.message]));
      else
        out.push(
          finding('READY_CALLBACK_THREW', load, call.error.code === 'TIMEOUT' ? 'onFlowXOInit never settled' : 'onFlowXOInit threw or rejected', [
            `${call.error.message} (${when(call)}); the messenger started anonymous`,
          ]),
        );
    }
  }
  return out;
}
