/**
 * Botbench's own handle on a widget, the same on both scripts (`FxoMessenger.botbench`,
 * `FlowXO.botbench`): what the workbench's observer and profile actions use. Not a Flow XO API;
 * it exists so Botbench never needs to change what Flow XO's documented calls and events give a page.
 */
import type { CallLog, MessengerCall } from './call-log.ts';
import type { CoreEvents, MessengerState, ResetResult, SentMessage, WidgetCore } from './core.ts';

export interface BotbenchEvents {
  /** Every change of the identity and connection state (the full object, unlike legacy stateChanged's string). */
  state: MessengerState;
  error: CoreEvents['error'];
  messageReceived: CoreEvents['messageReceived'];
  /** Each call the page makes to the messenger API, and the platform's answers, as recorded (call-log.ts). */
  call: MessengerCall;
}

export interface BotbenchHandle {
  /** Which script generation runs: 'embed' (legacy FxoMessenger) or 'loader' (current FlowXO). */
  readonly generation: 'embed' | 'loader';
  getState(): MessengerState;
  on<E extends keyof BotbenchEvents>(event: E, fn: (payload: BotbenchEvents[E]) => void): () => void;
  identify(externalUserId: string, options?: { userHash?: string }): void;
  logout(): void;
  sendMessage(text: string): Promise<SentMessage>;
  resetConversation(): Promise<ResetResult>;
  setOpen(open: boolean): void;
  /** What the page has done with the messenger API so far on this load (the `call` event tells the rest). */
  calls(): MessengerCall[];
}

export function createBotbenchHandle(
  core: WidgetCore,
  generation: BotbenchHandle['generation'],
  identity: Pick<BotbenchHandle, 'identify' | 'logout'>,
  log: CallLog,
): BotbenchHandle {
  return {
    generation,
    getState: () => core.getState(),
    on: (event, fn) =>
      event === 'call'
        ? log.on(fn as (call: MessengerCall) => void)
        : core.on(event as Exclude<keyof BotbenchEvents, 'call'>, fn as (payload: unknown) => void),
    identify: identity.identify,
    logout: identity.logout,
    sendMessage: (text) => core.sendMessage(text),
    resetConversation: () => core.resetConversation(),
    setOpen: (open) => core.setOpen(open),
    calls: () => log.list(),
  };
}
