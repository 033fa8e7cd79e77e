import type { DatabaseSync } from 'node:sqlite';
import { nanoid } from 'nanoid';
import { BotbenchError } from '../platform/errors.ts';
import type { Environment, EnvironmentVariable } from './saved-requests.ts';

interface EnvironmentRow {
  id: string;
  name: string;
  variables: string;
}

/** Environments, in the workbench's own database; every change answers the whole list. */
export class EnvironmentStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  list(): Environment[] {
    return (this.#db.prepare('SELECT id, name, variables FROM environments ORDER BY position').all() as unknown as EnvironmentRow[]).map((row) => ({
      id: row.id,
      name: row.name,
      variables: JSON.parse(row.variables) as EnvironmentVariable[],
    }));
  }

  require(id: string): Environment {
    const found = this.list().find((e) => e.id === id);
    if (found) return found;
    throw new BotbenchError('BOTBENCH_ERR_ENVIRONMENT_NOT_FOUND', `No environment has id ${JSON.stringify(id)}.`, {
      expected: 'the id of an environment (environments.list), or none',
      field: 'environmentId',
    });
  }

  /** Creates an environment (no id) or replaces one's name and variables. Keys are unique per environment. */
  save(input: { id?: string | undefined; name: string; variables: EnvironmentVariable[] }): { environments: Environment[]; id: string } {
    const seen = new Set<string>();
    for (const variable of input.variables) {
      if (seen.has(variable.key)) {
        throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `The variable ${JSON.stringify(variable.key)} is defined twice.`, {
          expected: 'each variable name once per environment',
          field: 'variables',
        });
      }
      seen.add(variable.key);
    }
    const variables = JSON.stringify(input.variables);
    if (input.id !== undefined) {
      this.require(input.id);
      this.#db.prepare('UPDATE environments SET name = ?, variables = ? WHERE id = ?').run(input.name, variables, input.id);
      return { environments: this.list(), id: input.id };
    }
    const id = nanoid(10);
    this.#db
      .prepare(
        'INSERT INTO environments (id, position, name, variables) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM environments), ?, ?)',
      )
      .run(id, input.name, variables);
    return { environments: this.list(), id };
  }

  delete(id: string): Environment[] {
    this.require(id);
    this.#db.prepare('DELETE FROM environments WHERE id = ?').run(id);
    return this.list();
  }

  /** The variables as a name → value record, for resolving a send. */
  valuesOf(id: string | null | undefined): Record<string, string> {
    if (id === null || id === undefined) return {};
    return Object.fromEntries(this.require(id).variables.map((v) => [v.key, v.value]));
  }
}
