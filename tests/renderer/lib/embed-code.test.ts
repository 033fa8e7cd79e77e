import { describe, expect, it } from 'vitest';
import { botIdFromEmbedCode, extractEmbedCode } from '../../../renderer/src/lib/embed-code.ts';

const BOT_ID = '5852754509ac70000c104b80';
const CODE = btoa(JSON.stringify({ web: { botId: BOT_ID }, theme: '#1f6feb' }));

describe('extractEmbedCode()', () => {
  it('takes the data-fxo-widget value out of a pasted script tag', () => {
    expect(extractEmbedCode(`<script src="https://x/embed.js?callback=messengerReady" data-fxo-widget="${CODE}" async defer></script>`)).toBe(CODE);
    expect(extractEmbedCode(`  ${CODE}\n`)).toBe(CODE);
  });
});

describe('botIdFromEmbedCode()', () => {
  it('reads the Bot ID from a valid embed code', () => {
    expect(botIdFromEmbedCode(CODE)).toBe(BOT_ID);
  });

  it('gives null for text that is not an embed code', () => {
    expect(botIdFromEmbedCode('not base64!')).toBeNull();
    expect(botIdFromEmbedCode(btoa('{"web":{"botId":"short"}}'))).toBeNull();
    expect(botIdFromEmbedCode(btoa('not json'))).toBeNull();
  });
});
