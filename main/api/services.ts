import type { DatabaseSync } from 'node:sqlite';
import { BotbenchError } from '../platform/errors.ts';
import { parseResponsePath } from '../platform/response-path.ts';
import { usersToCsv } from '../platform/users-csv.ts';
import { requireDevice } from '../lab/person-store.ts';
import type { PlatformServer } from '../platform/server.ts';
import type { ProfileHost } from '../profiles/profile-host.ts';
import type { ProfileService } from '../profiles/profile-service.ts';
import { ScenarioRuns } from './scenario-runs.ts';
import { RecordingSession } from './recording.ts';
import { parseFlowDefinition } from '../platform/flows/schema.ts';
import { userHashFor } from '../platform/identity-verification.ts';
import { WebhookHistory } from '../workspace/webhook-history.ts';
import { parseWorkspaceFile } from '../workspace/workspace-file.ts';
import { exportWorkspace, importWorkspace, previewImport, type TransferContext } from './workspace-transfer.ts';
import { personIdentities } from '../lab/identities.ts';
import { PersonStore } from '../lab/person-store.ts';
import { deliverAsPerson } from '../lab/providers.ts';
import { API_METHODS, type ApiMethod, type ApiParams, type ApiResult, type HostStatus, type WorkbenchEvent, type WorkbenchInfo } from './contract.ts';
import { methodSchemas } from './schemas.ts';
import { sendWebhook } from './webhook-composer.ts';
import { BulkSender } from './bulk-send.ts';
import { importCurl } from './curl-import.ts';
import { fromHar, historyToHar } from './har.ts';
import { fromPostman, toPostman, type MappingContext } from './postman.ts';
import { webhookRequestSchema, type CollectionImportPreview } from './webhook-request.ts';
import { CollectionStore } from '../workspace/collections.ts';
import type { DraftItem } from '../workspace/saved-requests.ts';
import { EnvironmentStore } from '../workspace/environments.ts';
import { RecentSiteStore } from '../workspace/recent-sites.ts';
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
  readonly #bulk: BulkSender;
  readonly #recording: RecordingSession;

  constructor(options: WorkbenchServicesOptions) {
    this.#history = new WebhookHistory(options.workspace);
    this.#persons = new PersonStore(options.workspace);
    this.#profiles = options.profiles;
    const collections = new CollectionStore(options.workspace);
    const environments = new EnvironmentStore(options.workspace);
    const sites = new RecentSiteStore(options.workspace);
    this.#bulk = new BulkSender((progress) => this.#emit({ type: 'bulk', progress }));
    const persons = this.#persons;
    /** Every change to the lab's people is pushed whole: the list is small. */
    const changed = <T>(result: T): T => {
      this.#emit({ type: 'persons', persons: persons.list() });
      return result;
    };
    this.#scenarios = new ScenarioRuns(options.server, options.host, options.profilesDir ?? null, (event) => this.#emit(event));
    const { platform } = options.server;
    const { profiles } = options;
    const transfer = (): TransferContext => ({ platform, persons, history: this.#history, workspace: options.workspace });
    this.#unsubscribe = [platform.subscribe((event) => this.#emit(event)), profiles.subscribe((event) => this.#emit(event))];
    const recording = new RecordingSession(
      profiles,
      (id) => platform.bots.get(id),
      (event) => this.#emit(event),
    );
    this.#recording = recording;
    const mappingContext = (botId: string | undefined): MappingContext => {
      if (botId !== undefined) platform.bots.require(botId);
      const bots = platform.bots.list();
      return { botId: botId ?? bots[0]?.botId ?? '', bots };
    };
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
      'bots.contents': ({ botId }) => platform.botContents(botId),
      'bots.delete': ({ botId }) => platform.deleteBot(botId),
      'profiles.list': () => profiles.list(),
      'profiles.open': (params) => {
        // The demo page needs a bot the platform has; an own site's snippet names its own (imported on first sight).
        if (params.siteUrl === undefined && params.botId !== undefined) platform.bots.require(params.botId);
        return recording.open(() => profiles.open(params), params.siteUrl);
      },
      'profiles.reload': ({ id }) =>
        recording.act(
          id,
          () => profiles.reload(id),
          (after) => ({ type: 'reload', profileId: id, after }),
        ),
      'profiles.restart': ({ id, identity }) =>
        recording.act(
          id,
          () => profiles.restart(id, identity),
          (after) => ({ type: 'restart', profileId: id, identity, after }),
        ),
      'profiles.clearSiteData': ({ id }) =>
        recording.act(
          id,
          () => profiles.clearSiteData(id),
          (after) => ({ type: 'clearSiteData', profileId: id, after }),
        ),
      'profiles.resetConversation': ({ id }) => {
        let refused = false;
        return recording.act(
          id,
          async () => {
            const snapshot = await profiles.resetConversation(id);
            // A refused reset (an external user ID) is the last row's note, as the runner reads it.
            refused = snapshot.timeline.at(-1)?.note?.startsWith('refused') ?? false;
            return snapshot;
          },
          (after) => ({ type: 'reset', profileId: id, refused, after }),
        );
      },
      'profiles.close': async ({ id }) => {
        const closed = await profiles.close(id);
        recording.note({ type: 'close', profileId: id });
        return closed;
      },
      'profiles.sendMessage': async ({ id, text }) => {
        const sent = await profiles.sendMessage(id, text);
        recording.note({ type: 'send', profileId: id, text });
        return sent;
      },
      'profiles.login': ({ id, externalUserId }) => {
        const profile = profiles.list().find((p) => p.id === id);
        const bot = profile ? platform.bots.get(profile.botId) : undefined;
        // The page's own server signs the login, as a real site would.
        const userHash = bot ? userHashFor(bot.identitySecret, externalUserId) : undefined;
        return recording.act(
          id,
          () => profiles.login(id, externalUserId, userHash),
          (after) => ({ type: 'login', profileId: id, externalUserId, signed: userHash !== undefined, after }),
        );
      },
      'profiles.logout': ({ id }) =>
        recording.act(
          id,
          () => profiles.logout(id),
          (after) => ({ type: 'logout', profileId: id, after }),
        ),
      'profiles.input': ({ id, input }) => profiles.input(id, input),
      'profiles.navigate': ({ id, to }) => recording.navigate(id, to, () => profiles.navigate(id, to)),
      'profiles.capture': async ({ id }) => ({ dataUrl: await profiles.capture(id) }),
      'findings.list': ({ profileId, site }) => profiles.findings({ profileId, site }),
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
      'sites.list': () => sites.list(),
      'sites.save': (params) => sites.save(params),
      'sites.remove': ({ id }) => sites.remove(id),
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
      'users.exportCsv': (params) => ({
        fileName: `botbench-users-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.csv`,
        content: usersToCsv(platform.users.list({ botId: params.botId, text: params.q, limit: 5000 })),
        mime: 'text/csv;charset=utf-8',
      }),
      'users.clearAttributes': ({ responsePath }) => {
        parseResponsePath(responsePath, 'responsePath');
        return platform.clearUserAttributes(responsePath);
      },
      'users.setStatus': ({ responsePath, status }) => {
        parseResponsePath(responsePath, 'responsePath');
        return platform.setUserStatus(responsePath, status);
      },
      'users.create': (params) => platform.createUser(params),
      'log.query': (params) => platform.log.query(params),
      'webhooks.send': async (params) => {
        const bot = platform.bots.require(params.botId);
        const entry = await sendWebhook(bot, params, profiles.list(), environments.valuesOf(params.environmentId));
        this.#history.add(entry);
        this.#emit({ type: 'webhook', entry });
        recording.webhook(entry);
        return entry;
      },
      'webhooks.history': () => this.#history.recent(),
      'webhooks.parseCurl': ({ command, botId }) => importCurl(command, mappingContext(botId)),
      'webhooks.exportHar': () => {
        const har = historyToHar(this.#history.recent(500), platform.bots.list(), options.version);
        return {
          fileName: `botbench-webhooks-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.har`,
          content: `${JSON.stringify(har, null, 2)}\n`,
          mime: 'application/json',
        };
      },
      'webhooks.bulk': ({ request, mode }) =>
        this.#bulk.start(platform.bots.require(request.botId), request, environments.valuesOf(request.environmentId), mode),
      'webhooks.bulkStop': ({ runId }) => this.#bulk.stop(runId),
      'collections.list': () => collections.list(),
      'collections.create': ({ name }) => collections.create(name),
      'collections.rename': ({ id, name }) => collections.rename(id, name),
      'collections.delete': ({ id }) => collections.delete(id),
      'collections.addFolder': ({ collectionId, parentId, name }) => collections.addFolder(collectionId, parentId, name),
      'collections.saveRequest': (params) => collections.saveRequest(params),
      'collections.renameItem': ({ id, name }) => collections.renameItem(id, name),
      'collections.moveItem': ({ id, parentId, index }) => collections.moveItem(id, parentId, index),
      'collections.duplicateItem': ({ id }) => collections.duplicateItem(id),
      'collections.deleteItem': ({ id }) => collections.deleteItem(id),
      'collections.export': ({ id }) => {
        const draft = collections.draftOf(id);
        const slug = draft.name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'collection';
        return { fileName: `${slug}.postman_collection.json`, content: `${JSON.stringify(toPostman(draft), null, 2)}\n`, mime: 'application/json' };
      },
      'collections.previewImport': ({ text, botId }) => previewCollectionImport(text, mappingContext(botId)),
      'collections.import': ({ text, botId }) => collections.importDraft(previewCollectionImport(text, mappingContext(botId)).draft),
      'environments.list': () => environments.list(),
      'environments.save': (params) => environments.save(params),
      'environments.delete': ({ id }) => environments.delete(id),
      'workspace.export': (exportOptions) => ({
        fileName: `botbench-workspace-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`,
        content: `${JSON.stringify(exportWorkspace(transfer(), exportOptions), null, 2)}\n`,
      }),
      'workspace.previewImport': ({ text, fileName, onConflict }) => previewImport(transfer(), parseWorkspaceFile(text, fileName), onConflict),
      'workspace.import': ({ text, fileName, onConflict }) => {
        const done = importWorkspace(transfer(), parseWorkspaceFile(text, fileName), onConflict);
        this.#emit({ type: 'persons', persons: persons.list() });
        return done;
      },
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
      'recording.start': () => recording.start(),
      'recording.stop': ({ name }) => recording.stop(name),
      'recording.status': () => recording.status(),
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
    this.#bulk.dispose();
    this.#recording.dispose();
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

/**
 * Reads an import file (Postman Collection v2.1 or HAR 1.2, told apart by their top-level key)
 * and checks every request it would add, so an import is refused whole before anything is written.
 */
function previewCollectionImport(text: string, context: MappingContext): CollectionImportPreview {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_IMPORT_FORMAT', `The file is not JSON: ${(error as Error).message}.`, {
      expected: 'a Postman Collection v2.1 (.postman_collection.json) or a HAR 1.2 (.har) file',
    });
  }
  const preview = json !== null && typeof json === 'object' && 'log' in json ? fromHar(json, context) : fromPostman(json, context);
  const check = (items: DraftItem[], where: string): void => {
    for (const item of items) {
      const here = where ? `${where} / ${item.name}` : item.name;
      if (item.kind === 'folder') {
        check(item.items, here);
        continue;
      }
      const parsed = webhookRequestSchema.safeParse(item.request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join('.');
        throw new BotbenchError(
          'BOTBENCH_ERR_IMPORT_FORMAT',
          field === 'botId' && item.request.botId === ''
            ? `"${here}" has no target bot: create a bot first, or pick the one to import into.`
            : `"${here}" cannot be imported: ${field}: ${issue.message}.`,
          { expected: 'requests the composer can send', field },
        );
      }
    }
  };
  check(preview.draft.items, '');
  return preview;
}
