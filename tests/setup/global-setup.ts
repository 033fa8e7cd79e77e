import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { build } from 'vite';
import { WIDGET_BUNDLE } from '../../main/platform/server.ts';

/**
 * The platform serves the built widget, and `npm run serve` runs the built bundle. `npm test`
 * builds both first; a bare `vitest` run builds what is missing here.
 */
export default async function setup(): Promise<void> {
  if (!existsSync(WIDGET_BUNDLE)) await build({ configFile: 'widget.vite.config.ts', logLevel: 'warn' });
  if (!existsSync('out/main/serve.js')) execFileSync('npm', ['run', '-s', 'build:serve'], { stdio: 'inherit' });
}
