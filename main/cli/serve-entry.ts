/**
 * What `npm run serve` runs, built into out/main/serve.js: V8's compile cache goes on before the
 * platform's code loads (a static import would load it first), so a second start skips
 * compiling it. Together with the bundle this is what keeps start-up near a bare server's.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
await import('./serve.ts');
