/**
 * Botbench's own handle on a widget, the same on both scripts (`FxoMessenger.botbench`,
 * `FlowXO.botbench`): what the workbench's observer and profile actions use. Not a Flow XO API;
 * it exists so Botbench never needs to change what Flow XO's documented calls and events give a page.
 */
import type { CoreEvents, MessengerState, ResetResult, SentMessage, WidgetCore } from './core.ts';

export interface BotbenchEvents {
  /** Every change of the identity and connection state (the full object, unlike legacy stateChanged's string). */
  state: MessengerState;
  error: CoreEvents['error'];
  messageReceived: CoreEvents['messageReceived'];
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
}

export function createBotbenchHandle(
  core: WidgetCore,
  generation: BotbenchHandle['generation'],
  identity: Pick<BotbenchHandle, 'identify' | 'logout'>,
): BotbenchHandle {
  return {
    generation,
    getState: () => core.getState(),
    on: (event, fn) => core.on(event, fn as (payload: CoreEvents[typeof event]) => void),
    identify: identity.identify,
    logout: identity.logout,
    sendMessage: (text) => core.sendMessage(text),
    resetConversation: () => core.resetConversation(),
    setOpen: (open) => core.setOpen(open),
  };
}
