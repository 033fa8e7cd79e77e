import type { ServerFrame } from '../common/widget-frames.ts';

/** One connected widget instance (a page in some profile). */
export interface WidgetConnection {
  readonly id: string;
  /** Where it comes from (the peer's address), for limits shared by all of a source's connections. */
  readonly source?: string | undefined;
  send(frame: ServerFrame): void;
}

/** The live connections, grouped by response path. Several profiles can share one path (external user ID). */
export class Hub {
  readonly #byPath = new Map<string, Set<WidgetConnection>>();

  add(responsePath: string, connection: WidgetConnection): void {
    let set = this.#byPath.get(responsePath);
    if (!set) this.#byPath.set(responsePath, (set = new Set()));
    set.add(connection);
  }

  remove(responsePath: string, connection: WidgetConnection): void {
    const set = this.#byPath.get(responsePath);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.#byPath.delete(responsePath);
  }

  count(responsePath: string): number {
    return this.#byPath.get(responsePath)?.size ?? 0;
  }

  /** Sends a frame to every connection of a path (but `except`); returns how many got it. */
  broadcast(responsePath: string, frame: ServerFrame, except?: WidgetConnection): number {
    const set = this.#byPath.get(responsePath);
    if (!set) return 0;
    let sent = 0;
    for (const connection of set) {
      if (connection === except) continue;
      connection.send(frame);
      sent++;
    }
    return sent;
  }

  get size(): number {
    let total = 0;
    for (const set of this.#byPath.values()) total += set.size;
    return total;
  }
}
