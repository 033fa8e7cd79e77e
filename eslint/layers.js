// @ts-check
/**
 * The layer rule, after VS Code's `code-import-patterns`: each layer names what it MAY import;
 * everything else is refused. A relative import is resolved against the importing file and
 * checked against the layer's folders and files; a bare one against its Node, electron and
 * package allowances. The table is in eslint.config.js; tests/lint/layers.test.ts proves each
 * row refuses a wrong import.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ path: string, typeOnly?: boolean }} Allowed  A folder (ending in "/") or a file, from the repository root.
 * @typedef {{
 *   layer: string,
 *   own: string[],
 *   may: Array<string | Allowed>,
 *   node?: boolean,
 *   electron?: boolean,
 *   packages?: string[] | '*',
 * }} Layer
 */

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @param {string} target @param {string} allowed */
function within(target, allowed) {
  return allowed.endsWith('/') ? target.startsWith(allowed) : target === allowed;
}

/** @param {Layer} layer */
function describeLayer(layer) {
  const parts = [...layer.may.map((entry) => (typeof entry === 'string' ? entry : `${entry.path} (types only)`))];
  if (layer.node) parts.push('Node built-ins');
  if (layer.electron) parts.push('electron');
  if (layer.packages === '*') parts.push('any package');
  else if (layer.packages?.length) parts.push(layer.packages.join(', '));
  return `${layer.layer} may import its own files${parts.length ? ` and ${parts.join(', ')}` : ' only'}`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its row of the layer table allows.' },
    schema: [{ type: 'object' }],
    messages: { refused: '{{rule}}; not {{specifier}}{{why}}.' },
  },
  create(context) {
    const layer = /** @type {Layer} */ (context.options[0]);
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');

    /** @param {import('estree').Node} node @param {string} specifier @param {boolean} typeOnly */
    function check(node, specifier, typeOnly) {
      /** @param {string} why */
      const refuse = (why) =>
        context.report({ node, messageId: 'refused', data: { rule: describeLayer(layer), specifier: JSON.stringify(specifier), why } });
      if (specifier.startsWith('.')) {
        // Vite's `?raw` and the like name the same file.
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier.split('?')[0] ?? ''));
        if (layer.own.some((own) => within(resolved, own))) return;
        const entry = layer.may.map((e) => (typeof e === 'string' ? { path: e } : e)).find((e) => within(resolved, e.path));
        if (!entry) return refuse(` (${resolved})`);
        if (entry.typeOnly && !typeOnly) return refuse(': import it as types only (import type …)');
        return;
      }
      if (builtins.has(specifier)) return layer.node ? undefined : refuse(' (a Node built-in)');
      if (specifier === 'electron' || specifier.startsWith('electron/')) return layer.electron ? undefined : refuse(' (electron)');
      if (layer.packages === '*' || layer.packages?.includes(packageName(specifier))) return;
      refuse(' (a package this layer does not use)');
    }

    /** @param {any} node */
    const typeOnlyOf = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration(node) {
        check(node, String(node.source.value), typeOnlyOf(node));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, String(node.source.value), typeOnlyOf(node));
      },
      ExportAllDeclaration(node) {
        check(node, String(node.source.value), typeOnlyOf(node));
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
      },
    };
  },
};
