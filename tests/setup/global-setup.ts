import { existsSync } from 'node:fs';
import { build } from 'vite';
import { WIDGET_BUNDLE } from '../../main/platform/server.ts';

/** The platform serves the built widget. `npm test` builds it first; a bare `vitest` run builds it here if missing. */
export default async function setup(): Promise<void> {
  if (existsSync(WIDGET_BUNDLE)) return;
  await build({ configFile: 'renderer/widget/vite.config.ts', logLevel: 'warn' });
}
