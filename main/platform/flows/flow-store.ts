import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import { BotbenchError } from '../errors.ts';
import type { Flow } from '../model.ts';
import { transaction } from '../storage/database.ts';
import { definitionOf, parseFlowDefinition, type FlowDefinition } from './schema.ts';

interface FlowRow {
  id: string;
  bot_id: string;
  hook_id: string | null;
  position: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

/** Flows per bot, in order. A webhook-triggered flow owns an unguessable hook id: its URL. */
export class FlowStore {
  readonly #db: DatabaseSync;
  readonly #baseUrl: () => string;
  /**
   * Flows by hook id, as read last: every webhook request looks its flow up two or three times.
   * Any write clears it (before and after, so a rolled-back import cannot leave a stale entry);
   * an entry made under another base URL is not used.
   */
  readonly #byHook = new Map<string, { base: string; flow: Flow | undefined }>();

  constructor(db: DatabaseSync, baseUrl: () => string) {
    this.#db = db;
    this.#baseUrl = baseUrl;
  }

  list(botId: string): Flow[] {
    const rows = this.#db.prepare('SELECT * FROM flows WHERE bot_id = ? ORDER BY position, created_at').all(botId) as unknown as FlowRow[];
    return rows.map((row) => this.#toFlow(row));
  }

  get(id: string): Flow | undefined {
    const row = this.#db.prepare('SELECT * FROM flows WHERE id = ?').get(id) as FlowRow | undefined;
    return row && this.#toFlow(row);
  }

  require(id: string): Flow {
    const flow = this.get(id);
    if (flow) return flow;
    throw new BotbenchError('BOTBENCH_ERR_FLOW_NOT_FOUND', `No flow has id ${JSON.stringify(id)}.`, { expected: 'the id of an existing flow' });
  }

  byHookId(hookId: string): Flow | undefined {
    const base = this.#baseUrl();
    const cached = this.#byHook.get(hookId);
    if (cached?.base === base) return cached.flow;
    const row = this.#db.prepare('SELECT * FROM flows WHERE hook_id = ?').get(hookId) as FlowRow | undefined;
    const flow = row && this.#toFlow(row);
    // Unknown hook ids are not remembered: a caller could fill the map with guesses.
    // Nor is anything read inside a transaction, which may still roll back.
    if (flow && !this.#db.isTransaction) this.#byHook.set(hookId, { base, flow });
    return flow;
  }

  #write<T>(work: () => T): T {
    this.#byHook.clear();
    try {
      return work();
    } finally {
      this.#byHook.clear();
    }
  }

  /** Removes every flow of a bot (deleting the bot); returns how many. */
  removeAll(botId: string): number {
    return this.#write(() => Number(this.#db.prepare('DELETE FROM flows WHERE bot_id = ?').run(botId).changes));
  }

  /** Adds a flow after the bot's others. `hookId` lets the bot's first webhook flow answer at the bot's webhook URL. */
  create(botId: string, definition: unknown, hookId?: string): Flow {
    return this.#write(() => this.#create(botId, definition, hookId));
  }

  #create(botId: string, definition: unknown, hookId?: string): Flow {
    const parsed = parseFlowDefinition(definition);
    const id = nanoid(12);
    const now = Date.now();
    const position = (this.#db.prepare('SELECT coalesce(max(position), -1) + 1 AS next FROM flows WHERE bot_id = ?').get(botId) as { next: number })
      .next;
    const hook = parsed.trigger.type === 'webhook' ? (hookId ?? nanoid(24)) : null;
    this.#db
      .prepare('INSERT INTO flows (id, bot_id, hook_id, position, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, botId, hook, position, JSON.stringify(parsed), now, now);
    return this.get(id)!;
  }

  /** Replaces a flow's definition whole; its id, position and (if still a webhook flow) URL stay. */
  update(id: string, definition: unknown): Flow {
    return this.#write(() => this.#update(id, definition));
  }

  #update(id: string, definition: unknown): Flow {
    const current = this.#db.prepare('SELECT * FROM flows WHERE id = ?').get(id) as FlowRow | undefined;
    if (!current) this.require(id);
    const parsed = parseFlowDefinition(definition);
    const hook = parsed.trigger.type === 'webhook' ? (current!.hook_id ?? nanoid(24)) : null;
    this.#db.prepare('UPDATE flows SET definition = ?, hook_id = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(parsed), hook, Date.now(), id);
    return this.get(id)!;
  }

  delete(id: string): Flow {
    const flow = this.require(id);
    return this.#write(() => {
      this.#db.prepare('DELETE FROM flows WHERE id = ?').run(id);
      return flow;
    });
  }

  /**
   * Replaces all of a bot's flows with an imported set: every definition is checked first, so a
   * bad file changes nothing. The first webhook flow answers at the bot's own webhook URL again.
   */
  replaceAll(botId: string, definitions: readonly unknown[], botHookId: string): Flow[] {
    const parsed = definitions.map((definition, index) => parseFlowDefinition(definitionOf(definition), `flows[${index}]`));
    return this.#write(() =>
      transaction(this.#db, () => {
        this.#db.prepare('DELETE FROM flows WHERE bot_id = ?').run(botId);
        let hookGiven = false;
        for (const definition of parsed) {
          const takesBotUrl: boolean = !hookGiven && definition.trigger.type === 'webhook';
          hookGiven ||= takesBotUrl;
          this.#create(botId, definition, takesBotUrl ? botHookId : undefined);
        }
        return this.list(botId);
      }),
    );
  }

  #toFlow(row: FlowRow): Flow {
    const definition = JSON.parse(row.definition) as FlowDefinition;
    return {
      ...definition,
      id: row.id,
      botId: row.bot_id,
      webhookUrl: row.hook_id ? `${this.#baseUrl()}/hooks/${row.hook_id}` : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
