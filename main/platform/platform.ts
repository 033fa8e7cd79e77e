import type { DatabaseSync } from 'node:sqlite';
import { BinStore } from './bins.ts';
import { BotStore, type CreateBotInput } from './bots.ts';
import { DeliveryQueue } from './delivery-queue.ts';
import { decodeEmbedCode } from './embed-code.ts';
import { BotbenchError } from './errors.ts';
import { DELIVER_WEBHOOK, IDENTITY_ECHO } from './flows/default-flows.ts';
import { FlowRunner, type RunOutcome } from './flows/flow-runner.ts';
import { userHashMatches } from './identity-verification.ts';
import { FlowStore } from './flows/flow-store.ts';
import { messageMatches } from './flows/triggers.ts';
import { Hub, type WidgetConnection } from './hub.ts';
import { assertBotId, assertChannelId, assertConnectionId, assertExternalUserId, isAnonymousChannelId, newChannelId } from './ids.ts';
import { InteractionLog, type LogInput } from './interaction-log.ts';
import type {
  Bin,
  BinRequest,
  Bot,
  BotContents,
  BotSettings,
  ChannelKind,
  ChannelType,
  Flow,
  Message,
  PlatformEvent,
  User,
  UserStatus,
  WebhookResult,
} from './model.ts';
import { formatResponsePath, parseResponsePath } from './response-path.ts';
import { GroupCommit, transaction } from './storage/database.ts';
import { TranscriptStore } from './transcripts.ts';
import { DEFAULT_USER_CREATION_LIMITS, UserCreationLimiter, type UserCreationLimits } from './user-creation-limiter.ts';
import { UserStore } from './users.ts';
import type { ClientFrame, WireMessage } from '../common/widget-frames.ts';
import { WidgetSessions, type Identity } from './widget-sessions.ts';

type Hello = Extract<ClientFrame, { type: 'hello' }>;

export type { Identity } from './widget-sessions.ts';

export type PlatformListener = (event: PlatformEvent) => void;

/** Bots made for unseen loader.js connection IDs in one run of the platform. */
export const MAX_BOTS_ON_FIRST_SIGHT = 100;

/** A message a simulated provider delivered: the provider has already authenticated who sent it. */
export interface ChannelMessage {
  botId: string;
  channel: Exclude<ChannelType, 'web'>;
  /** The provider's ID for the sender: a Telegram-like user id, or a Messenger-like page-scoped ID. */
  channelId: string;
  text: string;
  /** What the provider says of the sender (e.g. first name, username); reaches flows as metadata. */
  profile: Record<string, unknown>;
}

/** The origin of a page URL, or null when it has none worth naming (file:, about:, not a URL). */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function toWire(message: Message): WireMessage {
  return { id: message.id, direction: message.direction, source: message.source, text: message.text, createdAt: message.createdAt };
}

/**
 * The mock bot platform's behaviour, independent of transport: identities, users, transcripts,
 * delivery, webhooks and the log. The HTTP and WebSocket layers call it; it calls nobody back
 * but its event listeners.
 */
export class Platform {
  readonly db: DatabaseSync;
  readonly hub = new Hub();
  readonly bots: BotStore;
  readonly users: UserStore;
  readonly transcripts: TranscriptStore;
  readonly queue: DeliveryQueue;
  readonly log: InteractionLog;
  readonly flows: FlowStore;
  readonly bins: BinStore;
  readonly runner: FlowRunner;
  /** Bot messages and webhooks of one event-loop turn commit together (see GroupCommit). */
  readonly batch: GroupCommit;
  /** The connected widgets and who each is. */
  readonly sessions = new WidgetSessions(this.hub);
  readonly #listeners = new Set<PlatformListener>();
  #madeOnFirstSight = 0;

  readonly #creations: UserCreationLimiter;

  constructor(db: DatabaseSync, baseUrl: () => string, limits: { flowHttpMaxResponseBytes?: number; newUsers?: UserCreationLimits } = {}) {
    this.#creations = new UserCreationLimiter(limits.newUsers ?? DEFAULT_USER_CREATION_LIMITS);
    this.db = db;
    this.batch = new GroupCommit(db);
    this.bots = new BotStore(db, baseUrl);
    this.users = new UserStore(db, (path) => this.hub.count(path));
    this.transcripts = new TranscriptStore(db);
    this.queue = new DeliveryQueue(db);
    this.log = new InteractionLog(db, (entry) => this.#emit({ type: 'log', entry }));
    this.flows = new FlowStore(db, baseUrl);
    this.bins = new BinStore(db, baseUrl);
    this.runner = new FlowRunner({
      send: (to, text, source, detail, runEntry) => this.sendToUser(to, text, source, detail, runEntry),
      setAttribute: (path, name, value) => {
        this.users.setAttribute(path, name, value);
        this.#emit({ type: 'user', user: this.users.require(path) });
      },
      log: this.log,
      commit: (work) => this.batch.run(work),
      fetch: (...args) => fetch(...args),
      ...(limits.flowHttpMaxResponseBytes === undefined ? {} : { maxResponseBytes: limits.flowHttpMaxResponseBytes }),
    });
    // Runs an earlier platform left waiting on a delay can never finish now: the log says so.
    this.log.abandonInFlight();
  }

  /** Creates a request bin; listeners hear of it. */
  createBin(name: string, response?: Partial<Bin['response']>): Bin {
    return this.#binChanged(this.bins.create(name, response));
  }

  /** Renames a bin or changes what it answers; listeners hear of it. */
  updateBin(id: string, change: { name?: string | undefined; response?: Partial<Bin['response']> | undefined }): Bin {
    return this.#binChanged(this.bins.update(id, change));
  }

  /** Deletes a request bin with what it captured; listeners hear of it. */
  deleteBin(id: string): Bin {
    const bin = this.bins.delete(id);
    this.#emit({ type: 'binDeleted', binId: id });
    return bin;
  }

  /** A request bin captured a request: it is stored, and the workbench shows it as it happens. */
  recordBinRequest(binId: string, request: Omit<BinRequest, 'seq' | 'binId' | 'at'>): BinRequest {
    const recorded = this.bins.record(binId, request);
    this.#emit({ type: 'binRequest', request: recorded });
    return recorded;
  }

  #binChanged(bin: Bin): Bin {
    this.#emit({ type: 'bin', bin });
    return bin;
  }

  /** Flow XO's "Clear attributes": every custom attribute of the user removed; listeners hear of it. */
  clearUserAttributes(responsePath: string): User {
    return this.#userChanged(this.users.clearAttributes(responsePath));
  }

  /** Flow XO's "Make active/unreachable"; listeners hear of it. */
  setUserStatus(responsePath: string, status: UserStatus): User {
    return this.#userChanged(this.users.setStatus(responsePath, status));
  }

  /**
   * The Users API's create-a-user call: a user of this bot with this Channel ID (the site's or
   * channel's ID for the person), or the existing one renamed. `created` says which.
   */
  createUser(input: { botId: string; channelId: string; name?: string | undefined; channel?: ChannelType | undefined }): {
    user: User;
    created: boolean;
  } {
    this.bots.require(input.botId);
    const result = this.users.createOrRename(input.botId, assertChannelId(input.channelId), input.name ?? null, input.channel ?? 'web');
    this.#userChanged(result.user);
    return result;
  }

  #userChanged(user: User): User {
    this.#emit({ type: 'user', user });
    return user;
  }

  /** Stops flow runs waiting on a delay. */
  dispose(): void {
    this.runner.dispose();
  }

  /** Listens to everything that happens; returns the function that stops listening. */
  subscribe(listener: PlatformListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Creates a bot (optionally keeping a production Bot ID or embed code), logs it, and tells listeners. */
  createBot(input: CreateBotInput): Bot {
    const bot = transaction(this.db, () => {
      const created = this.bots.create(input);
      // Every bot starts with the identity echo and the webhook that answers at the bot's own webhook URL.
      this.flows.create(created.botId, IDENTITY_ECHO);
      this.flows.create(created.botId, DELIVER_WEBHOOK, this.bots.hookId(created.botId));
      this.log.append({
        botId: created.botId,
        kind: 'bot',
        status: 'success',
        summary: `Bot "${created.name}" created`,
        detail: { botId: created.botId },
      });
      return created;
    });
    this.#emit({ type: 'bot', bot });
    this.#emit({ type: 'flows', botId: bot.botId, flows: this.flows.list(bot.botId) });
    return bot;
  }

  /**
   * The bot a loader.js `data-connection` names. A connection ID the platform has not seen is
   * a production site's: a bot is made for it on first sight, as importing its embed code would.
   */
  connectionBot(connectionId: string, from?: string): Bot {
    return this.importOnFirstSight({ connectionId }, from).bot;
  }

  /**
   * Import on first sight: the bot a site's snippet names (its `data-fxo-widget` embed code or
   * Bot ID, or its loader.js connection ID), made with that very ID when the platform does not
   * know it yet, so a page with a production embed code works with no set-up. `from` is where it
   * was seen (a page's origin); the log says `Imported bot 645731a0… from https://shop.example.test`,
   * and listeners hear of the new bot. A known bot is returned as it is (`imported: false`).
   */
  importOnFirstSight(named: { embedCode: string } | { botId: string } | { connectionId: string }, from?: string): { bot: Bot; imported: boolean } {
    let known: Bot | undefined;
    let input: CreateBotInput;
    let what: string;
    if ('connectionId' in named) {
      const id = assertConnectionId(named.connectionId);
      known = this.bots.byConnectionId(id);
      input = { name: `Connection ${id}`, connectionId: id };
      what = `connection ${id}`;
    } else {
      const botId = 'botId' in named ? assertBotId(named.botId) : decodeEmbedCode(named.embedCode).web.botId;
      known = this.bots.get(botId);
      input = 'embedCode' in named ? { name: `Bot ${botId.slice(0, 8)}`, embedCode: named.embedCode } : { name: `Bot ${botId.slice(0, 8)}`, botId };
      what = `bot ${botId}`;
    }
    if (known) return { bot: known, imported: false };
    // Any page may ask (the connection route is public, like the scripts): bounded, so no page can fill the database with bots.
    if (this.#madeOnFirstSight >= MAX_BOTS_ON_FIRST_SIGHT) {
      throw new BotbenchError(
        'BOTBENCH_ERR_CONNECTION_LIMIT',
        `This platform already imported ${MAX_BOTS_ON_FIRST_SIGHT} bots on first sight since it started; create ${what} with POST /api/bots.`,
        { expected: 'the ID of an existing bot', field: 'connectionId' in named ? 'connectionId' : 'botId' },
      );
    }
    this.#madeOnFirstSight++;
    const site = from ? originOf(from) : null;
    if (site) input.name = `${input.name} (${new URL(site).host})`;
    const bot = this.createBot(input);
    const short = `${bot.botId.slice(0, 8)}…`;
    this.log.append({
      botId: bot.botId,
      kind: 'bot',
      status: 'success',
      summary: `Imported ${'connectionId' in named ? `connection ${bot.connectionId} (bot ${short})` : `bot ${short}`}${site ? ` from ${site}` : ''}`,
      detail: { botId: bot.botId, connectionId: bot.connectionId, from: site, importedOnFirstSight: true },
    });
    return { bot, imported: true };
  }

  /** A bot's flows, in order. */
  listFlows(botId: string): Flow[] {
    this.bots.require(botId);
    return this.flows.list(botId);
  }

  /** Adds a flow after the bot's others (its definition checked by the flow schema); listeners hear of the bot's new set. */
  createFlow(botId: string, definition: unknown): Flow {
    this.bots.require(botId);
    return this.#flowsChanged(botId, this.flows.create(botId, definition));
  }

  updateFlow(id: string, definition: unknown): Flow {
    const { botId } = this.flows.require(id);
    return this.#flowsChanged(botId, this.flows.update(id, definition));
  }

  deleteFlow(id: string): Flow {
    const { botId } = this.flows.require(id);
    return this.#flowsChanged(botId, this.flows.delete(id));
  }

  /** Replaces all of a bot's flows with an exported set; its first webhook flow keeps answering at the bot's webhook URL. */
  replaceFlows(botId: string, definitions: readonly unknown[]): Flow[] {
    this.bots.require(botId);
    return this.#flowsChanged(botId, this.flows.replaceAll(botId, definitions, this.bots.hookId(botId)));
  }

  #flowsChanged<T>(botId: string, result: T): T {
    this.#emit({ type: 'flows', botId, flows: this.flows.list(botId) });
    return result;
  }

  /**
   * Runs the flow a webhook URL belongs to. Its answer carries the last message sent (delivered
   * or queued) and the run; a refused send keeps its 4xx, another failure is a 424.
   */
  async runWebhook(flow: Flow, request: { body: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, unknown> }) {
    if (flow.trigger.type === 'webhook') {
      for (const field of flow.trigger.required ?? []) {
        const value = request.body[field];
        if (typeof value !== 'string' || value.trim() === '') {
          throw new BotbenchError(
            'BOTBENCH_ERR_VALIDATION',
            `body.${field} is required by this webhook flow ("${flow.name}") and must be a non-empty string.`,
            {
              expected: `a body with ${(flow.trigger.required ?? []).map((f) => `"${f}"`).join(' and ')}`,
              field: `body.${field}`,
            },
          );
        }
      }
    }
    const outcome = await this.runner.run({ flow, trigger: { type: 'webhook', botId: flow.botId }, metadata: {}, user: null, webhook: request });
    if (outcome.status === 'failed') {
      if (outcome.error instanceof BotbenchError) throw outcome.error;
      throw new BotbenchError('BOTBENCH_ERR_FLOW_FAILED', `The webhook flow "${flow.name}" failed: ${outcome.error?.message ?? 'unknown error'}.`, {
        expected: 'a flow whose actions succeed (see the interaction log)',
      });
    }
    const run = { id: outcome.runId, flowId: flow.id, status: outcome.status };
    return { ...(outcome.lastSend ?? { status: outcome.status }), run };
  }

  /** The flow a webhook URL belongs to (`flows.byHookId`, looked up once per request), if it is there and enabled. */
  requireEnabledHookFlow(flow: Flow | undefined): Flow {
    if (flow?.enabled) return flow;
    throw new BotbenchError(
      'BOTBENCH_ERR_FLOW_NOT_FOUND',
      flow ? `The flow "${flow.name}" of this webhook URL is disabled.` : 'No flow has this webhook URL; copy it again from the bot or flow.',
      {
        expected: 'the webhook URL of an enabled flow',
      },
    );
  }

  /** Runs the bot's message flows for a visitor's message, in order; a flow whose trigger does not match is logged Filtered. */
  async runMessageFlows(identity: Identity, text: string): Promise<RunOutcome[]> {
    const user = this.users.get(identity.responsePath) ?? null;
    const outcomes: RunOutcome[] = [];
    for (const flow of this.flows.list(identity.botId)) {
      if (!flow.enabled || flow.trigger.type !== 'message') continue;
      if (!messageMatches(flow.trigger, text)) {
        this.log.append({
          botId: identity.botId,
          responsePath: identity.responsePath,
          kind: 'flow',
          status: 'filtered',
          summary: `Flow "${flow.name}": Filtered (trigger not matched)`,
          detail: { flowId: flow.id, flowName: flow.name, text },
        });
        continue;
      }
      outcomes.push(await this.#runFor(flow, identity, user, 'message', text));
    }
    return outcomes;
  }

  async #runConversationFlows(identity: Identity): Promise<void> {
    const user = this.users.get(identity.responsePath) ?? null;
    for (const flow of this.flows.list(identity.botId)) {
      if (flow.enabled && flow.trigger.type === 'conversation') await this.#runFor(flow, identity, user, 'conversation');
    }
  }

  #runFor(flow: Flow, identity: Identity, user: User | null, type: 'message' | 'conversation', text?: string): Promise<RunOutcome> {
    return this.runner.run({
      flow,
      trigger: { type, botId: identity.botId, text, responsePath: identity.responsePath, channelId: identity.channelId },
      metadata: identity.metadata,
      user,
      webhook: null,
    });
  }

  /** A user's messages, oldest first (at most `limit`, the newest). */
  transcript(responsePath: string, limit: number): Message[] {
    this.users.require(responsePath);
    return this.transcripts.history(responsePath, limit);
  }

  updateBot(botId: string, change: { name?: string | undefined; settings?: Partial<BotSettings> | undefined }): Bot {
    this.bots.require(botId);
    const bot = this.bots.update(botId, change);
    this.#emit({ type: 'bot', bot });
    return bot;
  }

  /** What deleting the bot would remove (its users, messages, flows, log entries). */
  botContents(botId: string): BotContents {
    this.bots.require(botId);
    return this.bots.contents(botId);
  }

  /**
   * Deletes a bot with everything it holds (users, transcripts, flows, log entries); returns what
   * was removed. Its connected widgets are told (an error frame with BOTBENCH_ERR_BOT_NOT_FOUND)
   * and forgotten, so nothing is delivered to or stored for a bot that is gone.
   */
  deleteBot(botId: string): BotContents {
    this.bots.require(botId);
    const removed = transaction(this.db, () => {
      const contents = this.bots.contents(botId);
      this.flows.removeAll(botId);
      this.bots.remove(botId);
      return contents;
    });
    for (const [connection, identity] of this.sessions.ofBot(botId)) {
      this.sessions.detach(connection, identity);
      connection.send({ type: 'error', code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: `Bot ${botId} was deleted from the platform.` });
    }
    this.#emit({ type: 'botDeleted', botId, removed });
    return removed;
  }

  /**
   * Accepts a widget's hello: resolves its Channel ID (external user ID, the anonymous ID its
   * browser stored, or a new one), records the connection, and sends the welcome, then any
   * queued messages in order.
   */
  hello(connection: WidgetConnection, hello: Hello, options: { admitted?: boolean } = {}): Identity {
    const bot = this.bots.require(hello.botId);
    if (hello.externalUserId !== undefined && bot.settings.verifyIdentity) this.#verifyIdentity(bot, hello.externalUserId, hello.userHash);
    let kind: ChannelKind = 'anonymous';
    let channelId: string;
    if (hello.externalUserId !== undefined) {
      channelId = assertExternalUserId(hello.externalUserId);
      kind = 'external';
      this.requireChannel(bot.botId, channelId, 'web');
    } else if (hello.channelId !== undefined && this.#resumable(bot.botId, hello.channelId)) {
      channelId = hello.channelId;
    } else {
      // First contact, or a stored ID that is not one the platform could have issued (an external
      // or provider user's ID among them), or not an anonymous web visitor's: a new visitor.
      channelId = newChannelId();
    }
    if (!options.admitted && this.users.get(formatResponsePath(bot.botId, channelId)) === undefined) this.#admitNewUser(connection);
    const previous = this.sessions.get(connection);
    if (previous) this.#detach(connection, previous, 'identity changed');
    const previousPath = previous?.responsePath;

    const metadata = hello.metadata ?? {};
    const { user, created } = transaction(this.db, () => {
      const result = this.users.connect(bot.botId, channelId, kind, metadata);
      // The current messenger's member name and email belong on the user record (FlowXO.identify, onFlowXOInit).
      if (hello.name !== undefined) this.users.setAttribute(result.user.responsePath, 'name', hello.name);
      if (hello.email !== undefined) this.users.setAttribute(result.user.responsePath, 'email', hello.email);
      this.log.append({
        botId: bot.botId,
        responsePath: result.user.responsePath,
        kind: 'connect',
        status: 'success',
        summary: `${result.created ? 'New' : 'Returning'} ${kind} visitor connected`,
        detail: { channelId, kind, created: result.created, metadata, page: hello.page ?? null, storedChannelId: hello.channelId ?? null },
      });
      return result;
    });
    const identity: Identity = { botId: bot.botId, channelId, responsePath: user.responsePath, kind, metadata };
    if (previous && previousPath !== identity.responsePath) this.#recordIdentityChange(previous, identity);
    this.sessions.attach(connection, identity);
    connection.send({
      type: 'welcome',
      botId: bot.botId,
      channelId,
      responsePath: identity.responsePath,
      kind,
      created,
      bot: { name: bot.name, theme: bot.settings.theme, greeting: bot.settings.greeting },
      transcript: this.transcripts.history(identity.responsePath).map(toWire),
    });
    for (const message of this.queue.pending(identity.responsePath)) connection.send({ type: 'message', message: toWire(message) });
    this.#emit({ type: 'user', user: this.users.get(identity.responsePath)! });
    if (created) this.#background(this.#runConversationFlows(identity));
    return identity;
  }

  /** A visitor typed a message: store it, confirm it to the widget, and let the bot answer. */
  visitorMessage(connection: WidgetConnection, clientId: string, text: string, messageMetadata?: Record<string, unknown>): void {
    const identity = this.sessions.require(connection);
    // sendMessage(text, metadata): the message's own metadata over the connection's, for the flows it starts.
    const metadata = messageMetadata ? { ...identity.metadata, ...messageMetadata } : identity.metadata;
    const message = transaction(this.db, () => {
      const stored = this.transcripts.append(identity.responsePath, 'in', 'widget', text);
      this.users.touch(identity.responsePath);
      this.log.append({
        botId: identity.botId,
        responsePath: identity.responsePath,
        kind: 'message_in',
        status: 'success',
        summary: `Visitor: ${text}`,
        detail: { messageId: stored.id, text, metadata },
      });
      return stored;
    });
    connection.send({ type: 'sent', clientId, message: toWire(message) });
    // The visitor's other windows on this path (same external user ID) show it too, as a chat app would.
    this.hub.broadcast(identity.responsePath, { type: 'message', message: toWire(message) }, connection);
    this.#emit({ type: 'message', message });
    this.#background(this.runMessageFlows(messageMetadata ? { ...identity, metadata } : identity, text));
  }

  /**
   * A person wrote on a simulated authenticated channel: the provider's ID is the Channel ID,
   * whatever device they used. The user, the message and the log entries commit together;
   * then the bot's flows run as for a widget visitor (conversation flows on first contact).
   */
  channelMessage(input: ChannelMessage): { user: User; created: boolean; message: Message } {
    const bot = this.bots.require(input.botId);
    const channelId = assertChannelId(input.channelId, 'channelId');
    this.requireChannel(bot.botId, channelId, input.channel);
    const { user, created, message } = transaction(this.db, () => {
      const connected = this.users.connect(bot.botId, channelId, 'external', input.profile, Date.now(), input.channel);
      const path = connected.user.responsePath;
      if (connected.created) {
        this.log.append({
          botId: bot.botId,
          responsePath: path,
          kind: 'connect',
          status: 'success',
          summary: `New ${input.channel} user (authenticated by the provider)`,
          detail: { channel: input.channel, channelId, profile: input.profile },
        });
      }
      const stored = this.transcripts.append(path, 'in', input.channel, input.text);
      this.log.append({
        botId: bot.botId,
        responsePath: path,
        kind: 'message_in',
        status: 'success',
        summary: `Visitor (${input.channel}): ${input.text}`,
        detail: { messageId: stored.id, text: input.text, channel: input.channel, metadata: input.profile },
      });
      return { ...connected, message: stored };
    });
    this.#emit({ type: 'user', user });
    this.#emit({ type: 'message', message });
    const identity: Identity = { botId: bot.botId, channelId, responsePath: user.responsePath, kind: 'external', metadata: input.profile };
    this.#background(
      (async () => {
        if (created) await this.#runConversationFlows(identity);
        await this.runMessageFlows(identity, input.text);
      })(),
    );
    return { user, created, message };
  }

  /** One channel cannot enter another's conversation: a response path keeps the channel it was created on. */
  requireChannel(botId: string, channelId: string, channel: ChannelType): void {
    const responsePath = formatResponsePath(botId, channelId);
    const existing = this.users.get(responsePath);
    if (existing === undefined || existing.channel === channel) return;
    const what = (c: ChannelType) => (c === 'web' ? 'the web widget' : `the ${c}-like channel`);
    this.log.append({
      botId,
      responsePath,
      kind: 'identity',
      status: 'refused',
      summary: `Refused: ${responsePath} is a user of ${what(existing.channel)}, not of ${what(channel)}`,
      detail: { channelId, channel, userChannel: existing.channel },
    });
    throw new BotbenchError(
      'BOTBENCH_ERR_CHANNEL_MISMATCH',
      `${responsePath} is a user of ${what(existing.channel)}; ${what(channel)} cannot enter that conversation.`,
      { expected: `a Channel ID that is not already a user of another channel`, field: channel === 'web' ? 'externalUserId' : 'channelId' },
    );
  }

  /** Flow runs log their own failures; anything that escapes is a bug, reported and not fatal. */
  #background(work: Promise<unknown>): void {
    work.catch((error: unknown) => console.error('Botbench: a flow run failed unexpectedly', error));
  }

  /**
   * Sends a bot message to a response path. It is committed (with the turn's other writes)
   * before anyone hears of it; then every connected widget of that path gets it, or it waits in
   * the queue for the next connection. `runEntry`, from a flow run whose last action this is,
   * gives the run's own log entry, written with the message's in the same unit: one write.
   */
  async sendToUser(
    responsePath: string,
    text: string,
    source: 'bot' | 'webhook',
    detail: Record<string, unknown> = {},
    runEntry?: (result: WebhookResult) => LogInput,
  ): Promise<WebhookResult> {
    const { botId } = parseResponsePath(responsePath);
    this.bots.require(botId);
    // The user is read inside the unit: in the batch's transaction a read costs no lock of its own.
    const { message, status, channel } = await this.batch.run(() => {
      const channel = this.users.channelOf(responsePath);
      // A channel's provider takes the message at once (as Telegram's sendMessage answers ok); a widget must be online.
      const viaProvider = channel !== 'web';
      const online = viaProvider ? 0 : this.hub.count(responsePath);
      const status = viaProvider || online > 0 ? 'delivered' : 'queued';
      const where = viaProvider
        ? `handed to the ${channel}-like provider`
        : status === 'delivered'
          ? `delivered to ${online} widget(s)`
          : 'queued (user offline)';
      const stored = this.transcripts.append(responsePath, 'out', source, text);
      if (viaProvider) this.queue.ack(responsePath, [stored.id], stored.createdAt);
      const entry: LogInput = {
        botId,
        responsePath,
        kind: source === 'webhook' ? 'webhook' : 'message_out',
        status,
        summary: source === 'webhook' ? `Webhook → ${where}: ${text}` : viaProvider ? `Bot → ${channel}: ${text}` : `Bot: ${text}`,
        detail: { messageId: stored.id, text, online, channel, ...detail },
      };
      // The run's entry reports the widgets online at the commit; the answer below counts those the frame then went to.
      const result: WebhookResult = { status, responsePath, messageId: stored.id, delivered: viaProvider ? 1 : online, channel };
      this.log.appendAll(runEntry ? [entry, runEntry(result)] : [entry], stored.createdAt);
      return { message: viaProvider ? { ...stored, deliveredAt: stored.createdAt } : stored, status, channel } as const;
    });
    const viaProvider = channel !== 'web';
    const delivered = viaProvider ? 1 : this.hub.broadcast(responsePath, { type: 'message', message: toWire(message) });
    this.#emit({ type: 'message', message });
    return { status, responsePath, messageId: message.id, delivered, channel };
  }

  /**
   * A widget acknowledged messages it has shown: they leave the delivery queue, in the turn's
   * group commit (an ack is not promised to anyone; lost, it only means a re-send the widget
   * drops). Resolves with how many left the queue, 0 if the commit failed; never rejects.
   */
  ack(connection: WidgetConnection, ids: readonly string[]): Promise<number> {
    const identity = this.sessions.require(connection);
    return this.batch.run(() => this.queue.ack(identity.responsePath, ids)).catch(() => 0);
  }

  /**
   * Reset conversation: an anonymous visitor gets a new Channel ID and an empty transcript;
   * with an external user ID there is nothing to reset, as on Flow XO.
   */
  reset(connection: WidgetConnection): Identity {
    const identity = this.sessions.require(connection);
    if (identity.kind === 'external') {
      this.log.append({
        botId: identity.botId,
        responsePath: identity.responsePath,
        kind: 'reset',
        status: 'refused',
        summary: 'Reset refused: the site sets an external user ID',
      });
      throw new BotbenchError('BOTBENCH_ERR_RESET_EXTERNAL', 'Reset is unavailable when the site sets an external user ID.', {
        expected: 'an anonymous visitor (no externalUserId)',
      });
    }
    // The new visitor counts against the limits before anything is said or logged of the reset.
    this.#admitNewUser(connection);
    const channelId = newChannelId();
    this.log.append({
      botId: identity.botId,
      responsePath: identity.responsePath,
      kind: 'reset',
      status: 'success',
      summary: `Conversation reset: new Channel ID ${channelId}`,
      detail: { from: identity.channelId, to: channelId },
    });
    const next = formatResponsePath(identity.botId, channelId);
    connection.send({ type: 'reset', channelId, responsePath: next });
    return this.hello(connection, { type: 'hello', v: 1, botId: identity.botId, channelId, metadata: identity.metadata }, { admitted: true });
  }

  /** The widget went away. */
  disconnect(connection: WidgetConnection): void {
    const identity = this.sessions.get(connection);
    if (identity) this.#detach(connection, identity, 'disconnected');
  }

  #detach(connection: WidgetConnection, identity: Identity, reason: string): void {
    this.sessions.detach(connection, identity);
    this.users.touch(identity.responsePath);
    this.log.append({
      botId: identity.botId,
      responsePath: identity.responsePath,
      kind: 'disconnect',
      status: 'success',
      summary: `Widget ${reason}`,
    });
    const user = this.users.get(identity.responsePath);
    if (user) this.#emit({ type: 'user', user });
  }

  /** With identity verification on, an external user ID needs its userHash; a refusal writes no user record. */
  #verifyIdentity(bot: Bot, externalUserId: string, userHash: string | undefined): void {
    if (userHashMatches(bot.identitySecret, externalUserId, userHash)) return;
    const why = userHash === undefined ? 'missing' : 'wrong';
    this.log.append({
      botId: bot.botId,
      responsePath: formatResponsePath(bot.botId, externalUserId.slice(0, 128)),
      kind: 'identity',
      status: 'refused',
      summary: `Identity refused: ${why} userHash for external user ID "${externalUserId.slice(0, 128)}"`,
      detail: { externalUserId: externalUserId.slice(0, 128), reason: `${why} userHash` },
    });
    throw new BotbenchError(
      'BOTBENCH_ERR_IDENTITY',
      `This bot verifies identities, and the userHash for "${externalUserId.slice(0, 128)}" is ${why}.`,
      {
        expected: 'userHash = HMAC-SHA256(the bot’s identity secret, externalUserId) as hex, computed by the site’s server',
        field: 'userHash',
      },
    );
  }

  /**
   * A hello that would create a user spends one of its connection's and its source's new users.
   * Refused without a log entry: a flood must not turn into log rows instead of users.
   */
  #admitNewUser(connection: WidgetConnection): void {
    const empty = this.#creations.take(connection, connection.source);
    if (empty === 'ok') return;
    const limits = this.#creations.limits;
    const what = empty === 'connection' ? `${limits.perConnection} from one widget connection` : `${limits.perSource} from one address`;
    throw new BotbenchError('BOTBENCH_ERR_TOO_MANY_USERS', `Too many new visitors: at most ${what} per minute. Try again shortly.`, {
      expected: 'fewer first hellos (hellos without a stored Channel ID, resets, new external user IDs) per minute',
    });
  }

  /** Login and logout mid-session: the anonymous conversation stays under its path, linked to the new one. */
  #recordIdentityChange(previous: Identity, next: Identity): void {
    if (previous.kind === 'anonymous' && next.kind === 'external') this.users.link(previous.responsePath, next.responsePath);
    const what =
      previous.kind === 'anonymous' && next.kind === 'external'
        ? 'logged in'
        : previous.kind === 'external' && next.kind === 'anonymous'
          ? 'logged out'
          : 'changed identity';
    this.log.append({
      botId: next.botId,
      responsePath: next.responsePath,
      kind: 'identity',
      status: 'success',
      summary: `Visitor ${what}: ${previous.responsePath} → ${next.responsePath}`,
      detail: { from: previous.responsePath, to: next.responsePath, fromKind: previous.kind, toKind: next.kind },
    });
  }

  /**
   * Whether an anonymous hello may be the visitor it names: only an ID of the anonymous form,
   * which no external or provider user can have, and never one a user of another kind holds
   * (rows written before the rule).
   */
  #resumable(botId: string, channelId: string): boolean {
    if (!isAnonymousChannelId(channelId)) return false;
    const user = this.users.get(formatResponsePath(botId, channelId));
    return user === undefined || (user.kind === 'anonymous' && user.channel === 'web');
  }

  #emit(event: PlatformEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A faulty listener must not break delivery; listeners report their own errors.
      }
    }
  }
}
