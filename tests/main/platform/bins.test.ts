import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binAnswerFor, DEFAULT_BIN_RESPONSE, ruleMatches } from '../../../main/platform/bins.ts';
import type { Bin } from '../../../main/platform/model.ts';
import type { PlatformServer } from '../../../main/platform/server.ts';
import { api, startPlatform } from '../../mocks/platform.ts';

describe('ruleMatches()', () => {
  it.each([
    ['POST', '/orders/*', 'POST', '/orders/7', true],
    ['post', '/orders/*', 'POST', '/orders/7/items', true],
    ['*', '/', 'GET', '/', true],
    ['POST', '/orders/*', 'GET', '/orders/7', false],
    ['POST', '/orders', 'POST', '/orders/7', false],
    ['*', '*', 'DELETE', '/anything', true],
    ['*', '/a.b', 'GET', '/aXb', false],
  ])('%s %s vs %s %s: %s', (method, path, reqMethod, reqPath, expected) => {
    expect(ruleMatches({ method, path }, reqMethod, reqPath)).toBe(expected);
  });
});

describe('binAnswerFor()', () => {
  it('answers with the first matching rule, else the default', () => {
    const response = {
      ...DEFAULT_BIN_RESPONSE,
      rules: [
        { method: 'POST', path: '/fail', status: 500, delayMs: 0, body: 'no', contentType: 'text/plain' },
        { method: '*', path: '/fail', status: 418, delayMs: 0, body: 'tea', contentType: 'text/plain' },
      ],
    };
    expect(binAnswerFor(response, 'POST', '/fail')).toMatchObject({ status: 500, rule: 0 });
    expect(binAnswerFor(response, 'GET', '/fail')).toMatchObject({ status: 418, rule: 1 });
    expect(binAnswerFor(response, 'GET', '/')).toMatchObject({ status: 200, rule: null });
  });
});

describe('bin response rules over HTTP', () => {
  let server: PlatformServer;
  beforeEach(async () => {
    server = await startPlatform();
  });
  afterEach(async () => server.close());

  it('answers each request by the rule its method and path match, after the rule’s delay, and records it', async () => {
    const bin = (
      await api<Bin>(server, 'POST', '/api/bins', {
        name: 'rules',
        response: {
          rules: [
            { method: 'POST', path: '/orders/*', status: 201, delayMs: 150, body: '{"created":true}', contentType: 'application/json' },
            { method: '*', path: '/down', status: 503, delayMs: 0, body: 'down', contentType: 'text/plain' },
          ],
        },
      })
    ).body;
    expect(bin.response.rules).toHaveLength(2);
    const started = performance.now();
    const created = await fetch(`${bin.url}/orders/9`, { method: 'POST', body: 'x' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect([created.status, await created.json()]).toEqual([201, { created: true }]);
    const down = await fetch(`${bin.url}/down`);
    expect([down.status, await down.text()]).toEqual([503, 'down']);
    const plain = await fetch(bin.url, { method: 'POST', body: '{}' });
    expect([plain.status, await plain.json()]).toEqual([200, { ok: true }]);
    const { requests } = (await api<{ requests: unknown[] }>(server, 'GET', `/api/bins/${bin.id}/requests`)).body;
    expect(requests).toHaveLength(3);
  });

  it('refuses a malformed rule with 400 naming the field', async () => {
    const answer = await api<any>(server, 'POST', '/api/bins', {
      name: 'bad',
      response: { rules: [{ method: 'POST', path: 'no-slash', status: 200, delayMs: 0, body: '', contentType: 'text/plain' }] },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('path');
  });
});
