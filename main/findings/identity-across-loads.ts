/**
 * Findings that need a profile's loads in order (one browser's history): EXTERNAL_ID_UNSTABLE
 * (a new external ID with no login or logout in between) and the login findings
 * (LOGIN_NOT_IDENTIFIED, LOGIN_CONVERSATION_LOST).
 */
import type { Finding, FindingContext, PageLoad } from './types.ts';
import { finding, welcomes, when, type Welcome } from './calls.ts';

/** One welcome in a profile's history, with its load's index. */
interface Step {
  load: number;
  welcome: Welcome;
}

const isIdentityCall = (load: PageLoad, from: number, to: number): boolean =>
  load.calls.some(
    (call) =>
      call.at >= from &&
      call.at <= to &&
      ((call.by === 'browser' && call.method === 'login-form') || (call.by === 'page' && ['logout', 'identify'].includes(call.method))),
  );

/** `loads` are one profile's, oldest first. */
export function acrossLoadsFindings(loads: readonly PageLoad[], context: FindingContext): Finding[] {
  const out: Finding[] = [];
  const steps: Step[] = loads.flatMap((load, index) => welcomes(load).map((welcome) => ({ load: index, welcome })));

  // EXTERNAL_ID_UNSTABLE: two loads in a row connected as different external users, with nothing said in between.
  const firstExternal = (index: number): Welcome | undefined => welcomes(loads[index]!).find((welcome) => welcome.kind === 'external');
  const lastExternal = (index: number): Welcome | undefined =>
    welcomes(loads[index]!)
      .filter((welcome) => welcome.kind === 'external')
      .at(-1);
  const unstable = new Set<string>();
  for (let index = 1; index < loads.length; index++) {
    const before = lastExternal(index - 1);
    const after = firstExternal(index);
    if (!before || !after || before.channelId === after.channelId) continue;
    const previousLoad = loads[index - 1]!;
    const load = loads[index]!;
    if (isIdentityCall(previousLoad, before.call.at, Infinity) || isIdentityCall(load, 0, after.call.at)) continue;
    const key = `${before.channelId}→${after.channelId}`;
    if (unstable.has(key)) continue;
    unstable.add(key);
    out.push(
      finding('EXTERNAL_ID_UNSTABLE', load, `The same browser was ${before.channelId} and then ${after.channelId}`, [
        `Load of ${previousLoad.url}: connected as external user ${before.channelId}`,
        `Next load of ${load.url}: connected as external user ${after.channelId}`,
        'No login form was sent and no logout or identify was called in between',
      ]),
    );
  }

  // Logins: a login form sent while the widget was anonymous, then what the widget became.
  loads.forEach((load, index) => {
    for (const login of load.calls.filter((call) => call.by === 'browser' && call.method === 'login-form')) {
      const before = steps.filter((step) => step.load < index || (step.load === index && step.welcome.call.at <= login.at)).at(-1);
      if (!before || before.welcome.kind !== 'anonymous') continue;
      const later = steps.filter((step) => step.load > index || (step.load === index && step.welcome.call.at > login.at));
      const nextLoad = later.find((step) => step.load > index);
      const external = later.find((step) => step.welcome.kind === 'external' && (step.load === index || step.load === index + 1));
      if (!external) {
        // Judged once the next load has connected: until then the site may still identify the visitor.
        if (nextLoad && nextLoad.load === index + 1 && nextLoad.welcome.kind === 'anonymous')
          out.push(
            finding('LOGIN_NOT_IDENTIFIED', loads[nextLoad.load]!, 'After the login form, the widget was still anonymous', [
              `A login form was sent ${when(login)} (to ${String((login.args[0] as { action?: unknown } | undefined)?.action ?? 'the page')}) while the visitor was ${before.welcome.channelId}`,
              `The next load connected anonymously as ${nextLoad.welcome.channelId}: no externalUserId, identify or member was given`,
              'If the login succeeded, the bot does not know who this visitor is',
            ]),
          );
        continue;
      }
      const from = before.welcome.responsePath;
      const to = external.welcome.responsePath;
      if (!from || !to) continue;
      const linked = context.linkedTo(from);
      if (linked === to) continue;
      const how = external.load === index ? 'on the same page (a second hello)' : 'after the page reloaded with an external ID';
      out.push(
        finding(
          'LOGIN_CONVERSATION_LOST',
          loads[external.load]!,
          `The anonymous conversation ${before.welcome.channelId} was not linked to ${external.welcome.channelId}`,
          [
            `Anonymous as ${from} before the login form ${when(login)}`,
            `Logged in as ${to} ${how}`,
            linked === undefined ? 'The platform has no user for the anonymous path' : `The platform links ${from} to ${linked ?? 'nothing'}`,
          ],
        ),
      );
    }
  });
  return out;
}
