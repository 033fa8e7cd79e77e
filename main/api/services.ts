import type { DatabaseSync } from 'node:sqlite';
import { BotbenchError } from '../platform/errors.ts';
import { parseResponsePath } from '../platform/response-path.ts';
import { requireDevice } from '../lab/person-store.ts';
import type { PlatformServer } from '../platform/server.ts';
import type { ProfileHost } from '../profiles/profile-host.ts';
import type { ProfileService } from '../profiles/profile-service.ts';
import { ScenarioRuns } from './scenario-runs.ts';
import { parseFlowDefinition } from '../platform/flows/schema.ts';
import { userHashFor } from '../platform/identity-verification.ts';
import { WebhookHistory } from '../workspace/webhook-history.ts';
import { personIdentities } from '../lab/identities.ts';
import { PersonStore } from '../lab/person-store.ts';
import { deliverAsPerson } from '../lab/providers.ts';
import { API_METHODS, type ApiMethod, type ApiParams, type ApiResult, type HostStatus, type WorkbenchEvent, type WorkbenchInfo } from './contract.ts';
import { methodSchemas } from './schemas.ts';
import { sendWebhook } from './webhook-composer.ts';
import { toErrorPayload } from './api-errors.ts';

/** The host's own status; a host that embeds its browser (Electron) is always ready. */
function hostStatus(host: ProfileHost): HostStatus {
  return host.status?.() ?? { ready: true, browser: host.name };
}

type Handlers = { [M in ApiMethod]: (params: ApiParams<M>) => ApiResult<M> | Promise<ApiResult<M>> };

export interface WorkbenchServicesOptions {
  server: PlatformServer;
  profiles: ProfileService;
  /** The adapter profiles run on; scenario runs open their own profiles on it. */
  host: ProfileHost;
  /** Where the host keeps persistent profiles' storage: a scenario's is removed as the run closes it. */
  profilesDir?: string | null;
  workspace: DatabaseSync;
  mode: WorkbenchInfo['mode'];
  version: string;
}

/**
 * Main's side of the contract: one handler per method over the platform, the profiles and
 * the workspace, and one merged event stream. Transports call `dispatch`, nothing else.
 */
export class WorkbenchServices {
  readonly #history: WebhookHistory;
  readonly #persons: PersonStore;
  readonly #profiles: ProfileService;
  readonly #listeners = new Set<(event: WorkbenchEvent) => void>();
  readonly #unsubscribe: Array<() => void>;
  readonly #handlers: Handlers;
  readonly #scenarios: ScenarioRuns;

  constructor(options: WorkbenchServicesOptions) {
    this.#history = new WebhookHistory(options.workspace);
    this.#persons = new PersonStore(options.workspace);
    this.#profiles = options.profiles;
    const persons = this.#persons;
    /** Every change to the lab's people is pushed whole: the list is small. */
    const changed = <T>(result: T): T => {
      this.#emit({ type: 'persons', persons: persons.list() });
      return result;
    };
    this.#scenarios = new ScenarioRuns(options.server, options.host, options.profilesDir ?? null, (event) => this.#emit(event));
    const { platform } = options.server;
    const { profiles } = options;
    this.#unsubscribe = [platform.subscribe((event) => this.#emit(event)), profiles.subscribe((event) => this.#emit(event))];
    this.#handlers = {
      'workbench.info': () => ({
        version: options.version,
        mode: options.mode,
        platformUrl: options.server.url,
        dataDir: options.server.options.dataDir,
        browser: hostStatus(options.host),
      }),
      'bots.list': () => platform.bots.list(),
      'bots.create': (params) => platform.createBot(params),
      'bots.update': ({ botId, ...change }) => platform.updateBot(botId, change),
      'bots.identityHash': ({ botId, externalUserId }) => ({ userHash: userHashFor(platform.bots.require(botId).identitySecret, externalUserId) }),
      'bots.contents': ({ botId }) => (platform.bots.require(botId), platform.bots.contents(botId)),
      'bots.delete': ({ botId }) => platform.deleteBot(botId),
      'profiles.list': () => profiles.list(),
      'profiles.open': (params) => {
        platform.bots.require(params.botId);
        return profiles.open(params);
      },
      'profiles.reload': ({ id }) => profiles.reload(id),
      'profiles.restart': ({ id, identity }) => profiles.restart(id, identity),
      'profiles.clearSiteData': ({ id }) => profiles.clearSiteData(id),
      'profiles.resetConversation': ({ id }) => profiles.resetConversation(id),
      'profiles.close': ({ id }) => profiles.close(id),
      'profiles.sendMessage': ({ id, text }) => profiles.sendMessage(id, text),
      'profiles.login': ({ id, externalUserId }) => {
        const profile = profiles.list().find((p) => p.id === id);
        const bot = profile ? platform.bots.get(profile.botId) : undefined;
        // The page's own server signs the login, as a real site would.
        return profiles.login(id, externalUserId, bot ? userHashFor(bot.identitySecret, externalUserId) : undefined);
      },
      'profiles.logout': ({ id }) => profiles.logout(id),
      'profiles.input': ({ id, input }) => profiles.input(id, input),
      'profiles.capture': async ({ id }) => ({ dataUrl: await profiles.capture(id) }),
      'profiles.place': ({ id, bounds }) => profiles.place(id, bounds),
      'profiles.retryBrowser': async () => {
        const status = hostStatus(options.host);
        if (status.ready) {
          // The browser is there now: what could not open at start-up opens, and the host warms up.
          await profiles.restore();
          void options.host.warm?.();
        }
        return status;
      },
      'persons.list': () => persons.list(),
      'persons.create': ({ name, channels }) => changed(persons.create(name, channels)),
      'persons.update': ({ id, ...change }) => changed(persons.update(id, change)),
      'persons.delete': ({ id }) => changed(persons.delete(id)),
      'persons.addDevice': ({ personId, name, profileId }) => {
        if (profileId) this.#requireProfile(profileId);
        return changed(persons.addDevice(personId, name, profileId ?? null));
      },
      'persons.updateDevice': ({ personId, deviceId, ...change }) => {
        if (change.profileId) this.#requireProfile(change.profileId);
        return changed(persons.updateDevice(personId, deviceId, change));
      },
      'persons.removeDevice': ({ personId, deviceId }) => changed(persons.removeDevice(personId, deviceId)),
      'persons.send': async ({ personId, deviceId, channel, botId, text }) => {
        const person = persons.require(personId);
        requireDevice(person, deviceId);
        if (!person.channels.includes(channel)) {
          throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${person.name} does not use the ${channel}-like channel; turn it on first.`, {
            expected: `one of ${person.name}'s channels: ${person.channels.join(', ') || 'none'}`,
            field: 'channel',
          });
        }
        // The device does not reach the platform, as with a real provider: that is the point.
        return deliverAsPerson(platform.bots.require(botId), person, channel, text);
      },
      'persons.identities': ({ botIds }) => {
        const bots = botIds === undefined ? platform.bots.list() : botIds.map((botId) => platform.bots.require(botId));
        return personIdentities(persons.list(), bots, profiles.list());
      },
      'users.list': (params) => platform.users.list({ botId: params.botId, text: params.q }),
      'users.transcript': ({ responsePath }) => {
        parseResponsePath(responsePath, 'responsePath');
        return platform.transcript(responsePath, 500);
      },
      'log.query': (params) => platform.log.query(params),
      'webhooks.send': async (params) => {
        const bot = platform.bots.require(params.botId);
        const entry = await sendWebhook(bot, params, profiles.list());
        this.#history.add(entry);
        this.#emit({ type: 'webhook', entry });
        return entry;
      },
      'webhooks.history': () => this.#history.recent(),
      'flows.list': ({ botId }) => platform.listFlows(botId),
      'flows.create': ({ botId, definition }) => platform.createFlow(botId, definition),
      'flows.update': ({ id, definition }) => platform.updateFlow(id, definition),
      'flows.delete': ({ id }) => platform.deleteFlow(id),
      'flows.import': ({ botId, flows }) => platform.replaceFlows(botId, flows),
      'flows.validate': ({ definition }) => {
        try {
          parseFlowDefinition(definition);
          return { ok: true };
        } catch (error) {
          return { ok: false, error: toErrorPayload(error) };
        }
      },
      'bins.list': () => platform.bins.list(),
      'bins.create': ({ name, response }) => platform.createBin(name, response),
      'bins.update': ({ id, name, response }) => platform.updateBin(id, { name, response }),
      'bins.requests': ({ id }) => platform.bins.requests(id),
      'scenarios.list': () => this.#scenarios.builtIn(),
      'scenarios.check': ({ text, source }) => this.#scenarios.check(text, source),
      'scenarios.run': ({ scenarios, concurrency, keepBots }) => this.#scenarios.run(scenarios, { concurrency, keepBots }),
      'scenarios.cancel': ({ runId }) => this.#scenarios.cancel(runId),
      'scenarios.report': ({ runId, reporter }) => this.#scenarios.report(runId, reporter),
    };
  }

  /** Validates and runs one call. Unknown methods and bad params are refused before any handler runs. */
  async dispatch(method: unknown, params: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !(API_METHODS as readonly string[]).includes(method)) {
      throw new BotbenchError('BOTBENCH_ERR_METHOD_UNKNOWN', `The workbench API has no method ${JSON.stringify(method)}.`, {
        expected: `one of ${API_METHODS.join(', ')}`,
      });
    }
    const name = method as ApiMethod;
    const parsed = methodSchemas[name].safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? issue.path.join('.') : 'params';
      throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${name}: ${field}: ${issue.message}.`, {
        expected: 'parameters as described in main/api/contract.ts',
        field,
      });
    }
    const handler = this.#handlers[name] as (params: unknown) => unknown;
    return handler(parsed.data);
  }

  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    for (const stop of this.#unsubscribe) stop();
    this.#listeners.clear();
  }

  #requireProfile(id: string): void {
    if (this.#profiles.list().some((p) => p.id === id)) return;
    throw new BotbenchError('BOTBENCH_ERR_PROFILE_NOT_FOUND', `No open profile has id ${JSON.stringify(id)}.`, {
      expected: 'the id of an open profile, or null for a device without a browser',
      field: 'profileId',
    });
  }

  #emit(event: WorkbenchEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
