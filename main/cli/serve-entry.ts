/**
 * What `npm run serve` runs, built by `npm run build:serve` (rolldown) into out/main/serve.js: V8's
 * compile cache goes on before the platform's code loads (a static import would load it first),
 * so a second start skips compiling it. The platform and its dependencies (fastify, zod, ws,
 * liquidjs…) are one chunk next to it, out/main/serve-serve.js: no module resolution in
 * node_modules at start. Together they start as fast as a bare node:http + ws server
 * (docs/benchmarks.md, §6).
 */
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
await import('./serve.ts');
