import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import { checkSiteUrl, defaultSiteName, SITE_URL_EXPECTED } from '../common/site-url.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { RecentSite } from './types.ts';

/** How many sites a workspace remembers; opening a new one past it forgets the least recently used. */
export const RECENT_SITES_MAX = 50;

interface SiteRow {
  id: string;
  url: string;
  name: string;
  used_at: number;
}

const toSite = (row: SiteRow): RecentSite => ({ id: row.id, url: row.url, name: row.name, usedAt: row.used_at });

/** The sites profiles were opened on (Botbench's), in the workspace database; every change answers the whole list, most recent first. */
export class RecentSiteStore {
  readonly #db: DatabaseSync;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  list(): RecentSite[] {
    return (this.#db.prepare('SELECT id, url, name, used_at FROM sites ORDER BY used_at DESC, rowid DESC').all() as unknown as SiteRow[]).map(toSite);
  }

  /**
   * Remembers a site as just used: a new one, or the one with that URL moved to the top (and
   * renamed when a name is given). Answers the list and the site's id.
   */
  save(input: { url: string; name?: string | undefined }): { sites: RecentSite[]; id: string } {
    const url = this.#checked(input.url);
    const name = input.name?.trim() || undefined;
    const existing = this.#db.prepare('SELECT id, url, name, used_at FROM sites WHERE url = ?').get(url) as unknown as SiteRow | undefined;
    // Strictly increasing, so two saves in one millisecond still list the later first.
    const latest = (this.#db.prepare('SELECT max(used_at) AS at FROM sites').get() as { at: number | null }).at ?? 0;
    const usedAt = Math.max(this.#now(), latest + 1);
    if (existing) {
      this.#db.prepare('UPDATE sites SET name = ?, used_at = ? WHERE id = ?').run(name ?? existing.name, usedAt, existing.id);
      return { sites: this.list(), id: existing.id };
    }
    const id = nanoid(10);
    this.#db.prepare('INSERT INTO sites (id, url, name, used_at) VALUES (?, ?, ?, ?)').run(id, url, name ?? defaultSiteName(url), usedAt);
    this.#trim();
    return { sites: this.list(), id };
  }

  /**
   * Puts a site as a workspace file carries it, keeping when it was used: a new one, or the one
   * with that URL renamed and dated as the file says. The list stays within RECENT_SITES_MAX.
   */
  put(site: { url: string; name: string; usedAt: number }): void {
    const url = this.#checked(site.url);
    const existing = this.#db.prepare('SELECT id FROM sites WHERE url = ?').get(url) as { id: string } | undefined;
    if (existing) this.#db.prepare('UPDATE sites SET name = ?, used_at = ? WHERE id = ?').run(site.name, site.usedAt, existing.id);
    else this.#db.prepare('INSERT INTO sites (id, url, name, used_at) VALUES (?, ?, ?, ?)').run(nanoid(10), url, site.name, site.usedAt);
    this.#trim();
  }

  remove(id: string): RecentSite[] {
    const removed = this.#db.prepare('DELETE FROM sites WHERE id = ?').run(id);
    if (removed.changes === 0) {
      throw new BotbenchError('BOTBENCH_ERR_SITE_NOT_FOUND', `No recent site has id ${JSON.stringify(id)}.`, {
        expected: 'the id of a recent site (sites.list)',
        field: 'id',
      });
    }
    return this.list();
  }

  #checked(text: string): string {
    const checked = checkSiteUrl(text);
    if (checked.ok) return checked.url;
    throw new BotbenchError('BOTBENCH_ERR_SITE_URL', `The site URL must be ${SITE_URL_EXPECTED}; ${checked.reason}.`, {
      expected: SITE_URL_EXPECTED,
      field: 'url',
    });
  }

  /** Forgets the least recently used sites beyond RECENT_SITES_MAX. */
  #trim(): void {
    this.#db.prepare('DELETE FROM sites WHERE id NOT IN (SELECT id FROM sites ORDER BY used_at DESC, rowid DESC LIMIT ?)').run(RECENT_SITES_MAX);
  }
}
