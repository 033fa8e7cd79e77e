import { describe, expect, it } from 'vitest';
import { decodeEmbedCode, encodeEmbedCode } from '../../../main/platform/embed-code.ts';

const botId = '5852754509ac70000c104b80';

describe('encodeEmbedCode() / decodeEmbedCode()', () => {
  it('is base64 JSON like a Flow XO data-fxo-widget value', () => {
    const code = encodeEmbedCode({ web: { botId }, theme: '#1f6feb' });
    expect(JSON.parse(Buffer.from(code, 'base64').toString())).toEqual({ web: { botId }, theme: '#1f6feb' });
    expect(decodeEmbedCode(code)).toEqual({ web: { botId }, theme: '#1f6feb' });
  });

  it('keeps keys it does not know, so a production embed code round-trips', () => {
    const production = Buffer.from(JSON.stringify({ theme: '#4285f4', web: { botId, showLauncher: true }, locale: 'en' })).toString('base64');
    const decoded = decodeEmbedCode(production);
    expect(decoded.web.botId).toBe(botId);
    expect(decoded).toMatchObject({ locale: 'en', web: { showLauncher: true } });
  });

  it('accepts surrounding whitespace from a copy and paste', () => {
    expect(decodeEmbedCode(`  ${encodeEmbedCode({ web: { botId } })}\n`).web.botId).toBe(botId);
  });

  it.each([
    ['an empty value', '', 'got ""'],
    ['not base64', 'not base64!', 'is not base64'],
    ['base64 of text', Buffer.from('hello').toString('base64'), 'not JSON'],
    ['JSON without web.botId', Buffer.from('{"theme":"#000"}').toString('base64'), 'decodes to'],
    ['a bad Bot ID', Buffer.from('{"web":{"botId":"xyz"}}').toString('base64'), 'decodes to'],
  ])('refuses %s with BOTBENCH_ERR_EMBED_CODE and the expected form', (_label, code, reason) => {
    expect(() => decodeEmbedCode(code)).toThrow(
      expect.objectContaining({ code: 'BOTBENCH_ERR_EMBED_CODE', message: expect.stringContaining(reason) }),
    );
    expect(() => decodeEmbedCode(code)).toThrow(/base64 of JSON like \{"web":\{"botId"/);
  });
});
