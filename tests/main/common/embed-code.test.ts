import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEmbedCode } from '../../../main/common/embed-code.ts';

const botId = '5852754509ac70000c104b80';
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

describe('decodeEmbedCode() (the one decoder: platform, workbench UI and widget)', () => {
  it('reads standard and URL-safe base64 of UTF-8 JSON, keeping unknown keys', () => {
    const config = { web: { botId, showLauncher: true }, theme: '#4285f4', title: 'Café ✓' };
    expect(decodeEmbedCode(encode(config))).toEqual({ ok: true, config });
    const urlSafe = Buffer.from(JSON.stringify(config), 'utf8').toString('base64url');
    expect(decodeEmbedCode(urlSafe)).toEqual({ ok: true, config });
  });

  it('decodes whatever Node encodes, as the platform did with Buffer', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (title, extra) => {
        const config = { ...extra, web: { botId }, title };
        expect(decodeEmbedCode(` ${encode(config)}\n`)).toEqual({ ok: true, config });
      }),
    );
  });

  it.each([
    ['nothing', undefined, 'got nothing'],
    ['an empty value', '  ', 'got "  "'],
    ['not base64', 'not base64!', 'is not base64'],
    ['base64 of text', Buffer.from('hello').toString('base64'), 'not JSON'],
    ['JSON that is an array', encode([{ web: { botId } }]), 'decodes to'],
    ['JSON whose web is not an object', encode({ web: botId }), 'decodes to'],
    ['a bad Bot ID', encode({ web: { botId: 'XYZ' } }), 'decodes to'],
  ])('refuses %s, saying why', (_label, code, reason) => {
    const result = decodeEmbedCode(code);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
