import { describe, expect, it } from 'vitest';
import { encodeEmbedCode } from '../../../main/platform/embed-code.ts';
import { importNamed, namedBots, type SiteImporter } from '../../../main/profiles/site-import.ts';

const BOT = '645731a0b1c2d3e4f5a6b7c8';
const CONNECTION = 'aabbccddeeff001122334455';
const code = encodeEmbedCode({ web: { botId: BOT }, theme: '#1e88e5' });
const page = (embedCodes: string[], connections: string[] = []) => ({ pageUrl: 'https://shop.example.test/account', embedCodes, connections });

describe('an own site’s snippets (site-import.ts)', () => {
  it('names the bots of the script the page asked for', () => {
    expect(namedBots(page([code], [CONNECTION]), 'embed', true)).toEqual([{ embedCode: code }]);
    expect(namedBots(page([code], [CONNECTION]), 'loader', true)).toEqual([{ connectionId: CONNECTION }]);
  });

  it('refuses a malformed data-fxo-widget or data-connection on an own site, saying what Flow XO gives', () => {
    expect(() => namedBots(page(['not-a-code']), 'embed', true)).toThrow(expect.objectContaining({ code: 'BOTBENCH_ERR_SITE_SNIPPET' }));
    expect(() => namedBots(page([], ['12345']), 'loader', true)).toThrow(/not a Flow XO connection ID/);
    // The platform's own demo page is not under test: a bad value there is skipped.
    expect(namedBots(page(['not-a-code', code]), 'embed', false)).toEqual([{ embedCode: code }]);
  });

  it('imports what the platform does not know, with a notice naming the bot and the site; a refusal becomes a notice too', async () => {
    const seen: string[] = [];
    const importer: SiteImporter = (named) => {
      if ('connectionId' in named) throw new Error('at most 100 bots are made on first sight per run');
      seen.push(named.embedCode);
      return { botId: BOT, connectionId: CONNECTION, imported: seen.length === 1 };
    };
    const notices = await importNamed(importer, [{ embedCode: code }, { embedCode: code }, { connectionId: CONNECTION }], page([]).pageUrl);
    expect(notices).toEqual([
      'Imported bot 645731a0… from https://shop.example.test',
      'Not imported: at most 100 bots are made on first sight per run',
    ]);
  });
});
