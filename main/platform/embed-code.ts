import { decodeEmbedCode as tryDecodeEmbedCode, EMBED_CODE_EXPECTED, type EmbedConfig } from '../common/embed-code.ts';
import { EMBED_THEME_PATTERN } from '../common/theme-colour.ts';
import { BotbenchError, describeValue } from './errors.ts';

export { EMBED_CODE_EXPECTED, type EmbedConfig } from '../common/embed-code.ts';

export function encodeEmbedCode(config: EmbedConfig): string {
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64');
}

/** Decodes an embed code (main/common/embed-code.ts) and checks its theme, refusing a bad one with BOTBENCH_ERR_EMBED_CODE. */
export function decodeEmbedCode(code: unknown): EmbedConfig {
  const fail = (why: string): never => {
    throw new BotbenchError('BOTBENCH_ERR_EMBED_CODE', `embedCode must be ${EMBED_CODE_EXPECTED}; ${why}.`, {
      expected: EMBED_CODE_EXPECTED,
      field: 'embedCode',
    });
  };
  const result = tryDecodeEmbedCode(code);
  if (!result.ok) return fail(result.reason);
  const { theme } = result.config;
  // The platform writes the theme into CSS and its settings: a theme that is there must be a hex colour.
  if (theme !== undefined && (typeof theme !== 'string' || !EMBED_THEME_PATTERN.test(theme)))
    return fail(`it decodes to ${describeValue(result.config)}`);
  return result.config;
}
