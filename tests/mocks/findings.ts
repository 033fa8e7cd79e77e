import { jsonSafeCopy, type MessengerCall } from '../../main/common/messenger-calls.ts';
import type { FindingContext, PageLoad } from '../../main/findings/types.ts';

export const BOT = '5852754509ac70000c104b80';

/** Builds a page load's recorded calls the way the widget records them (args copied with jsonSafeCopy). */
export class LoadBuilder {
  readonly calls: MessengerCall[] = [];
  #at = 0;
  readonly loadId: string;
  readonly url: string;
  readonly profileId: string | null;
  readonly api: MessengerCall['api'];
  constructor(loadId = 'load-1', url = 'https://shop.example.test/', profileId: string | null = 'p1', api: MessengerCall['api'] = 'legacy') {
    this.loadId = loadId;
    this.url = url;
    this.profileId = profileId;
    this.api = api;
  }

  call(method: string, args: unknown[], change: Partial<Omit<MessengerCall, 'args'>> & { result?: unknown } = {}): this {
    this.#at += 100;
    const { result, ...rest } = change;
    this.calls.push({
      at: this.#at,
      api: this.api,
      by: 'page',
      method,
      args: args.map((arg) => jsonSafeCopy(arg)),
      widgetState: 'idle',
      ...('result' in change ? { result: jsonSafeCopy(result) } : {}),
      ...rest,
    });
    return this;
  }

  welcome(channelId: string, kind: 'anonymous' | 'external' = channelId.startsWith('n_') ? 'anonymous' : 'external', botId = BOT): this {
    return this.call('welcome', [{ botId, channelId, responsePath: `${botId}/c/${channelId}`, kind }], { by: 'platform', widgetState: 'connected' });
  }

  refused(code: string, message: string): this {
    return this.call('error', [], { by: 'platform', widgetState: 'connecting', error: { code, message } });
  }

  loginForm(): this {
    return this.call('login-form', [{ action: `${this.url}login` }], { by: 'browser', widgetState: 'connected' });
  }

  build(): PageLoad {
    return { profileId: this.profileId, loadId: this.loadId, url: this.url, calls: this.calls, dropped: 0 };
  }
}

export const load = (...args: ConstructorParameters<typeof LoadBuilder>): LoadBuilder => new LoadBuilder(...args);

/** A platform context: which bots verify identities, which anonymous paths were linked where. */
export function context(verifies: Record<string, boolean> = { [BOT]: false }, links: Record<string, string | null> = {}): FindingContext {
  return {
    verifiesIdentities: (botId) => verifies[botId],
    linkedTo: (path) => (path in links ? links[path] : undefined),
  };
}
