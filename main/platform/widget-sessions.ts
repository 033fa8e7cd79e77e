import { BotbenchError } from './errors.ts';
import type { Hub, WidgetConnection } from './hub.ts';
import type { ChannelKind } from './model.ts';

/** Who a connected widget is, once its hello was accepted. */
export interface Identity {
  botId: string;
  channelId: string;
  responsePath: string;
  kind: ChannelKind;
  metadata: Record<string, unknown>;
}

/**
 * The widgets connected now: who each one is since its hello, and the hub that reaches them by
 * response path. Only the platform's widget verbs (hello, message, ack, reset, disconnect) change it.
 */
export class WidgetSessions {
  readonly #identities = new Map<WidgetConnection, Identity>();
  readonly #hub: Hub;

  constructor(hub: Hub) {
    this.#hub = hub;
  }

  get(connection: WidgetConnection): Identity | undefined {
    return this.#identities.get(connection);
  }

  /** The connection's identity; a frame before a completed hello is refused. */
  require(connection: WidgetConnection): Identity {
    const identity = this.#identities.get(connection);
    if (identity) return identity;
    throw new BotbenchError('BOTBENCH_ERR_NOT_CONNECTED', 'Send a hello frame first; this frame needs a connected widget.', {
      expected: '{"type":"hello","v":1,"botId":"…"} before other frames',
    });
  }

  /** The connection is now this identity, and messages to its response path reach it. */
  attach(connection: WidgetConnection, identity: Identity): void {
    this.#identities.set(connection, identity);
    this.#hub.add(identity.responsePath, connection);
  }

  /** The connections of one bot, with who each is (a snapshot: safe to detach while iterating). */
  ofBot(botId: string): Array<[WidgetConnection, Identity]> {
    return [...this.#identities].filter(([, identity]) => identity.botId === botId);
  }

  /** The connection is nobody any more (it left, or is about to say hello as someone else). */
  detach(connection: WidgetConnection, identity: Identity): void {
    this.#identities.delete(connection);
    this.#hub.remove(identity.responsePath, connection);
  }
}
