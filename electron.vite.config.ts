import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Three targets: the Electron main process, the preload (CommonJS so the renderer can be sandboxed),
// and the workbench renderer. The widget (embed.js) has its own build: widget.vite.config.ts.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The headless platform (`npm run serve`) is bundled on its own, dependencies included: package.json build:serve.
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve('preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
