import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

// The widget scripts a customer site embeds, each one self-contained IIFE sharing the widget core:
// out/widget/embed.js (legacy, its only global window.FxoMessenger; `vite build`) and
// out/widget/loader.js (current, its only global window.FlowXO; `vite build --mode loader`).
// A Node build config, so it sits beside electron.vite.config.ts, not in renderer/.
const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(root, 'out/widget');
const ENTRIES = { embed: 'renderer/widget/embed.ts', loader: 'renderer/widget/loader.ts' } as const;

/** Prints the bundle's size once it is written: `<name>.js: <raw> bytes, <gzip> bytes gzip`. */
function reportSize(file: string): Plugin {
  return {
    name: 'botbench-widget-size',
    apply: 'build',
    closeBundle() {
      const code = readFileSync(resolve(outDir, file));
      console.log(`${file}: ${code.length} bytes, ${gzipSync(code).length} bytes gzip`);
    },
  };
}

export default defineConfig(({ mode }) => {
  // iife output cannot share chunks between entries, so each script is its own build.
  const name = mode === 'loader' ? 'loader' : 'embed';
  const file = `${name}.js`;
  return {
    root,
    // Nothing to copy from a public/ folder, and no HTML entry.
    publicDir: false,
    plugins: [reportSize(file)],
    build: {
      outDir,
      // The loader build runs second and must keep embed.js.
      emptyOutDir: name === 'embed',
      target: 'es2020',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      // Not library mode (its iife format insists on a global `name`): a plain entry with iife output.
      // The entry exports nothing, so the IIFE declares no variable.
      rolldownOptions: {
        input: resolve(root, ENTRIES[name]),
        output: { format: 'iife', entryFileNames: file },
      },
    },
  };
});
