import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { beforeAnswering, parseSnippets, SCRIPT_HOOK_TIMEOUT_MS, snippetProbe } from '../../../main/profiles/flowxo-routing.ts';
import type { PageHooks } from '../../../main/profiles/profile-host.ts';

const URL = 'https://widget.flowxo.com/embed.js?callback=messengerReady';

/** Runs the probe in a page with this body, as a frame would. */
async function probe(body: string, script: 'embed' | 'loader' = 'embed'): Promise<unknown> {
  const dom = new JSDOM(`<!doctype html><body>${body}</body>`, { url: 'https://shop.example.test/cart', runScripts: 'outside-only' });
  try {
    return await dom.window.eval(snippetProbe(script));
  } finally {
    dom.window.close();
  }
}

describe('snippetProbe()', () => {
  it('reads every data-fxo-widget and data-connection value of the page, with its URL', async () => {
    const found = await probe(
      '<script data-fxo-widget="AAA" src="x"></script><script data-connection="645731a0e4b0c1d2e3f40517"></script><script data-fxo-widget="BBB"></script>',
    );
    expect(parseSnippets(found)).toEqual({
      pageUrl: 'https://shop.example.test/cart',
      embedCodes: ['AAA', 'BBB'],
      connections: ['645731a0e4b0c1d2e3f40517'],
    });
  });

  it('waits a bounded time for the tag, then answers what there is', async () => {
    const started = Date.now();
    expect(parseSnippets(await probe('<p>none</p>', 'loader'))).toEqual({
      pageUrl: 'https://shop.example.test/cart',
      embedCodes: [],
      connections: [],
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('parseSnippets()', () => {
  it('refuses what is not a probe’s answer', () => {
    for (const value of [null, 'x', { pageUrl: 1, embedCodes: [], connections: [] }, { pageUrl: 'x', embedCodes: 'AAA', connections: [] }])
      expect(parseSnippets(value)).toBeNull();
  });
});

describe('beforeAnswering()', () => {
  const found = { pageUrl: 'https://shop.example.test/', embedCodes: ['AAA'], connections: [] };

  it('hands the hook what the page says and answers as it decides', async () => {
    const onFlowXOScript = vi.fn(async () => false);
    const hooks: PageHooks = { onWidget: () => undefined, onFlowXOScript };
    expect(await beforeAnswering(hooks, 'embed', URL, async () => found)).toBe(false);
    expect(onFlowXOScript).toHaveBeenCalledWith({ script: 'embed', url: URL, snippets: found });
  });

  it('answers when there is no hook, the probe fails, or the hook throws', async () => {
    expect(await beforeAnswering({ onWidget: () => undefined }, 'embed', URL, async () => found)).toBe(true);
    const hooks: PageHooks = { onWidget: () => undefined, onFlowXOScript: async () => Promise.reject(new Error('boom')) };
    expect(await beforeAnswering(hooks, 'embed', URL, async () => Promise.reject(new Error('frame gone')))).toBe(true);
  });

  it('tells the hook nothing was read when the page stalls the probe', async () => {
    vi.useFakeTimers();
    try {
      const onFlowXOScript = vi.fn(async () => true);
      const answer = beforeAnswering({ onWidget: () => undefined, onFlowXOScript }, 'embed', URL, () => new Promise(() => undefined));
      await vi.advanceTimersByTimeAsync(SCRIPT_HOOK_TIMEOUT_MS);
      expect(await answer).toBe(true);
      expect(onFlowXOScript).toHaveBeenCalledWith({ script: 'embed', url: URL, snippets: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers anyway once the hook has taken too long', async () => {
    vi.useFakeTimers();
    try {
      const hooks: PageHooks = { onWidget: () => undefined, onFlowXOScript: () => new Promise(() => undefined) };
      const answer = beforeAnswering(hooks, 'embed', URL, async () => found);
      await vi.advanceTimersByTimeAsync(SCRIPT_HOOK_TIMEOUT_MS);
      expect(await answer).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
