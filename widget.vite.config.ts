import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// The widget a customer site embeds: one self-contained IIFE, out/widget/embed.js, whose only
// global is window.FxoMessenger. A Node build config, so it sits beside electron.vite.config.ts, not in renderer/.
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(root, 'out/widget');

/** Prints the bundle's size once it is written: `embed.js: <raw> bytes, <gzip> bytes gzip`. */
function reportSize(): Plugin {
  return {
    name: 'botbench-widget-size',
    apply: 'build',
    closeBundle() {
      const code = readFileSync(resolve(outDir, 'embed.js'));
      console.log(`embed.js: ${code.length} bytes, ${gzipSync(code).length} bytes gzip`);
    },
  };
}

export default defineConfig({
  root,
  // Nothing to copy from a public/ folder, and no HTML entry.
  publicDir: false,
  plugins: [reportSize()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    // Not library mode (its iife format insists on a global `name`): a plain entry with iife output.
    // The entry exports nothing, so the IIFE declares no variable.
    rolldownOptions: {
      input: resolve(root, 'renderer/widget/embed.ts'),
      output: { format: 'iife', entryFileNames: 'embed.js' },
    },
  },
});
