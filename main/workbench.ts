import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { WorkbenchInfo } from './api/contract.ts';
import { WorkbenchServices } from './api/services.ts';
import { build, type PlatformOptions, type PlatformServer } from './platform/server.ts';
import type { ProfileHost } from './profiles/profile-host.ts';
import { signWith } from './profiles/kinds.ts';
import { ProfileService } from './profiles/profile-service.ts';
import { importWith } from './profiles/site-import.ts';
import { platformFindingContext } from './profiles/finding-context.ts';
import { openWorkspace } from './workspace/workspace-db.ts';
import { readWorkspaceSettings, writeWorkspaceSettings } from './workspace/workspace-settings.ts';

export const VERSION = '0.1.0';

export interface WorkbenchOptions {
  /** Workspace directory: platform database, workbench database, persistent profiles. null keeps all in memory (tests). */
  dataDir: string | null;
  mode: WorkbenchInfo['mode'];
  /** Makes the ProfileHost adapter, given where persistent profiles keep their storage. */
  createHost: (profilesDir: string) => ProfileHost;
  platform?: Partial<PlatformOptions>;
  /** Create a "Demo bot" when the workspace has none, so a first start has something to open. Default true. */
  demoBot?: boolean;
  /** Open again the persistent profiles of the last session. Default true. */
  restoreProfiles?: boolean;
}

export interface Workbench {
  server: PlatformServer;
  profiles: ProfileService;
  services: WorkbenchServices;
  /** Token for the workbench transports (and the admin API). */
  token: string;
  close(): Promise<void>;
}

/** Starts what the desktop app and browser mode share: platform, workspace, profiles, services. */
export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const dataDir = options.dataDir === null ? null : resolve(options.dataDir);
  const saved = dataDir === null ? {} : readWorkspaceSettings(dataDir);
  const token = options.platform?.token ?? saved.token ?? randomBytes(32).toString('hex');
  const port = options.platform?.port ?? saved.platformPort ?? 0;
  let server = await build({ ...options.platform, dataDir, token, port });
  try {
    await server.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    // The remembered port is taken: any port works, but persistent profiles will look like new visitors.
    console.error(`Botbench: platform port ${port} is in use; using another. Persistent profiles start with empty storage on the new origin.`);
    await server.close();
    server = await build({ ...options.platform, dataDir, token, port: 0 });
    await server.listen();
  }
  if (dataDir !== null) writeWorkspaceSettings(dataDir, { platformPort: Number(new URL(server.url).port), token });
  if ((options.demoBot ?? true) && server.platform.bots.list().length === 0) server.platform.createBot({ name: 'Demo bot' });

  const profilesDir = join(dataDir ?? join(process.env.TMPDIR ?? '/tmp', `botbench-${process.pid}`), 'profiles');
  const host = options.createHost(profilesDir);
  const workspace = openWorkspace(dataDir);
  const profiles = new ProfileService({
    host,
    platformUrl: () => server.url,
    workspace,
    profilesDir,
    liveWidget: (responsePath) => server.platform.hub.count(responsePath) > 0,
    // The workbench plays the customer site's server: it signs its profiles' external user IDs.
    sign: signWith((botId) => server.platform.bots.get(botId)?.identitySecret),
    // A bot an own site's snippet names is imported on first sight, keeping its ID.
    importer: importWith(server.platform),
    findingContext: platformFindingContext(server.platform),
  });
  const services = new WorkbenchServices({ server, profiles, host, profilesDir, workspace, mode: options.mode, version: VERSION });
  // Without a browser nothing can open: the Profiles screen says what is missing, and its Retry restores them (profiles.retryBrowser).
  const hostReady = host.status?.().ready ?? true;
  if (hostReady && (options.restoreProfiles ?? true) && dataDir !== null) await profiles.restore();
  // Once the remembered profiles are back: a host that starts browsers ahead does so now, so the first new profile needs no launch.
  if (hostReady) void host.warm?.();

  return {
    server,
    profiles,
    services,
    token,
    async close() {
      services.dispose();
      await profiles.dispose();
      await host.dispose();
      await server.close();
      workspace.close();
    },
  };
}
