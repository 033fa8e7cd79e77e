import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROFILE_KINDS } from '../../../main/common/profile-kinds.ts';
import { parseScenarioText } from '../../../main/scenarios/load.ts';
import { buildScenario, profileNameFor, scenarioYaml, type RecordedEvent, type RecordedOutcome } from '../../../main/scenarios/recorder.ts';
import { parseScenario } from '../../../main/scenarios/schema.ts';

const A = 'n_AAAAAAA';
const B = 'n_BBBBBBB';
const C = 'n_CCCCCCC';
const BOT = '0123456789abcdef01234567';
const at = (channelId: string | null, refused = false): RecordedOutcome => ({
  channelId,
  responsePath: channelId === null ? null : `${BOT}/c/${channelId}`,
  refused,
});

describe('buildScenario()', () => {
  it('fills in new, same, changed and sameAs from what each step left its profile with', () => {
    const events: RecordedEvent[] = [
      { type: 'open', profileId: 'p1', label: 'Same browser', kind: 'persistent', after: at(A) },
      { type: 'open', profileId: 'p2', label: 'Incognito', kind: 'incognito', after: at(B) },
      { type: 'reload', profileId: 'p1', after: at(A) },
      { type: 'restart', profileId: 'p2', identity: { mode: 'same' }, after: at(C) },
      { type: 'clearSiteData', profileId: 'p1', after: at('n_DDDDDDD') },
      // Back to the ID it had at the start: the step where that ID first appeared.
      { type: 'restart', profileId: 'p1', identity: { mode: 'typed', channelId: A }, after: at(A) },
    ];
    const scenario = buildScenario(events, { name: 'Recorded' });
    expect(scenario.steps).toEqual([
      { id: 'same-browser-open', do: 'open', profile: 'Same browser', kind: 'persistent', expect: { channelId: 'new' } },
      { do: 'open', profile: 'Incognito', kind: 'incognito', expect: { channelId: 'new' } },
      { do: 'reload', profile: 'Same browser', expect: { channelId: 'same' } },
      { do: 'restart', profile: 'Incognito', expect: { channelId: 'changed' } },
      { do: 'clearSiteData', profile: 'Same browser', expect: { channelId: 'changed' } },
      { do: 'restart', profile: 'Same browser', identity: { typed: A }, expect: { channelId: { sameAs: 'same-browser-open' } } },
    ]);
    expect(() => parseScenario(scenario, 'recorded.json')).not.toThrow();
  });

  it('expects a site’s user ID by its value, and the same ID in a second browser as the first', () => {
    const scenario = buildScenario(
      [
        { type: 'open', profileId: 'p1', label: 'External ID', kind: 'external-id', externalUserId: 'User123', after: at('User123') },
        { type: 'open', profileId: 'p2', label: 'External ID 2', kind: 'external-id', externalUserId: 'User123', after: at('User123') },
        { type: 'reset', profileId: 'p2', refused: true, after: at('User123') },
        {
          type: 'webhook',
          responsePath: `${BOT}/c/User123`,
          text: 'Your order has shipped',
          signed: true,
          outcome: 'delivered',
          arrivedIn: ['p1', 'p2'],
        },
      ],
      { name: 'External' },
    );
    expect(scenario.steps.map((s) => s.expect)).toEqual([
      { channelId: { equals: 'User123' } },
      { channelId: { sameAs: 'external-id-open' } },
      { reset: 'refused', channelId: 'same' },
      { webhook: 'delivered', arrivesIn: ['External ID', 'External ID 2'] },
    ]);
    expect(scenario.steps[3]).toMatchObject({ do: 'webhook', responsePath: '{botId}/c/User123', text: 'Your order has shipped' });
    expect(() => parseScenario(scenario, 'recorded.json')).not.toThrow();
  });

  it('fires a webhook at an anonymous visitor through its profile, and leaves out one nobody open could receive again', () => {
    const scenario = buildScenario(
      [
        { type: 'open', profileId: 'p1', label: 'Incognito', kind: 'incognito', after: at(A) },
        { type: 'webhook', responsePath: `${BOT}/c/${A}`, text: 'hi', signed: false, outcome: 'delivered', arrivedIn: ['p1'] },
        { type: 'webhook', responsePath: `${BOT}/c/${B}`, text: 'lost', signed: true, outcome: 'queued', arrivedIn: [] },
        { type: 'webhook', responsePath: `ffffffffffffffffffffffff/c/User123`, text: 'other bot', signed: true, outcome: 'queued', arrivedIn: [] },
      ],
      { name: 'Webhooks', botId: BOT },
    );
    expect(scenario.steps.slice(1)).toEqual([
      { do: 'webhook', profile: 'Incognito', text: 'hi', signed: false, expect: { webhook: 'delivered', arrivesIn: ['Incognito'] } },
    ]);
  });

  it('opens a profile that was open before Record at its first use, and ignores profiles it never saw', () => {
    const scenario = buildScenario(
      [
        { type: 'existing', profileId: 'p1', label: 'Metadata', kind: 'metadata', metadata: { myUserId: '123' }, after: at(A) },
        { type: 'existing', profileId: 'p2', label: 'Unused', kind: 'incognito', after: at(B) },
        { type: 'reload', profileId: 'unknown', after: at(C) },
        { type: 'reload', profileId: 'p1', after: at(A) },
      ],
      { name: 'Existing' },
    );
    expect(scenario.steps).toEqual([
      { do: 'open', profile: 'Metadata', kind: 'metadata', metadata: { myUserId: '123' }, expect: { channelId: 'new' } },
      { do: 'reload', profile: 'Metadata', expect: { channelId: 'same' } },
    ]);
  });

  it('records a refusal as refused, a login and logout, and an ID the page changed by itself', () => {
    const scenario = buildScenario(
      [
        { type: 'open', profileId: 'p1', label: 'Impostor', kind: 'impersonator', externalUserId: 'User123', after: at(null, true) },
        { type: 'open', profileId: 'p2', label: 'Visitor', kind: 'login', after: at(A) },
        { type: 'login', profileId: 'p2', externalUserId: 'Jane', signed: true, after: at('Jane') },
        { type: 'logout', profileId: 'p2', after: at(A) },
        { type: 'identity', profileId: 'p2', after: at(B) },
        { type: 'reload', profileId: 'p2', after: at(B) },
        { type: 'close', profileId: 'p2' },
        { type: 'reload', profileId: 'p2', after: at(B) },
      ],
      { name: 'Refusal', bot: { verifyIdentity: true, verifyWebhooks: false } },
    );
    expect(scenario.bot).toEqual({ verifyIdentity: true });
    expect(scenario.steps.map((s) => [s.do, s.expect])).toEqual([
      ['open', { refused: true }],
      ['open', { channelId: 'new' }],
      ['login', { channelId: { equals: 'Jane' } }],
      ['logout', { channelId: { sameAs: 'visitor-open' } }],
      ['reload', { channelId: 'same' }],
      ['close', undefined],
    ]);
    expect(() => parseScenario(scenario, 'recorded.json')).not.toThrow();
  });
});

describe('buildScenario() on a site of one’s own', () => {
  it('opens the site by its url (its snippet decides the visitor), records the login form as page steps, and what it did as the last step’s expectation', () => {
    const site = 'https://shop.example.test/';
    const scenario = buildScenario(
      [
        { type: 'open', profileId: 'p1', label: 'Shop', kind: 'persistent', siteUrl: site, externalUserId: null, metadata: null, after: at(A) },
        { type: 'page', profileId: 'p1', action: { type: 'fill', selector: '#email', value: 'j' } },
        { type: 'page', profileId: 'p1', action: { type: 'fill', selector: '#email', value: 'jane@example.test' } },
        { type: 'page', profileId: 'p1', action: { type: 'click', selector: 'text=Log in' } },
        { type: 'identity', profileId: 'p1', after: at('jane') },
        { type: 'open', profileId: 'p2', label: 'Phone', kind: 'other-device', siteUrl: site, externalUserId: 'ignored', after: at(B) },
        { type: 'page', profileId: 'p2', action: { type: 'goto', url: '/login' } },
        { type: 'page', profileId: 'p2', action: { type: 'press', key: 'Enter', selector: '#password' } },
        { type: 'identity', profileId: 'p2', after: at('jane') },
        // The page logs out by itself later, with no page step of ours just before: later steps compare with it.
        { type: 'reload', profileId: 'p2', after: at('jane') },
        { type: 'identity', profileId: 'p2', after: at(C) },
        { type: 'reload', profileId: 'p2', after: at(C) },
      ],
      { name: 'Shop login' },
    );
    expect(scenario.steps).toEqual([
      { do: 'open', profile: 'Shop', kind: 'persistent', url: site, expect: { channelId: 'new' } },
      { do: 'fill', profile: 'Shop', selector: '#email', value: 'jane@example.test' },
      { id: 'shop-click', do: 'click', profile: 'Shop', selector: 'text=Log in', expect: { channelId: { equals: 'jane' } } },
      { do: 'open', profile: 'Phone', kind: 'other-device', url: site, expect: { channelId: 'new' } },
      { do: 'goto', profile: 'Phone', url: '/login' },
      { do: 'press', profile: 'Phone', key: 'Enter', selector: '#password', expect: { channelId: { sameAs: 'shop-click' } } },
      { do: 'reload', profile: 'Phone', expect: { channelId: 'same' } },
      { do: 'reload', profile: 'Phone', expect: { channelId: 'same' } },
    ]);
    expect(() => parseScenario(scenario, 'recorded.json')).not.toThrow();
  });
});

describe('profileNameFor()', () => {
  it('makes any label a valid, unique profile name', () => {
    expect(profileNameFor('Same browser', new Set())).toBe('Same browser');
    expect(profileNameFor('Same browser', new Set(['Same browser']))).toBe('Same browser 2');
    expect(profileNameFor('  🙂 shop/checkout  ', new Set())).toBe('shop checkout');
    expect(profileNameFor('', new Set())).toBe('Profile');
  });
});

/** Any sequence of what a tester can do, with any outcome (the recorder must not trust outcomes to be tidy). */
const outcome = fc
  .record({
    channelId: fc.constantFrom<string | null>(A, B, C, 'User123', 'Jane', null),
    refused: fc.boolean(),
  })
  .map(({ channelId, refused }) => at(channelId, refused));
const profileId = fc.constantFrom('p1', 'p2', 'p3', 'p4');
const event: fc.Arbitrary<RecordedEvent> = fc.oneof(
  fc.record({
    type: fc.constantFrom('open' as const, 'existing' as const),
    profileId,
    label: fc.string({ maxLength: 50 }),
    kind: fc.constantFrom(...PROFILE_KINDS),
    siteUrl: fc.option(fc.constantFrom('https://shop.example.test/', 'http://127.0.0.1:8080/login', 'file:///tmp/saved.html'), { nil: undefined }),
    externalUserId: fc.option(fc.constantFrom('User123', 'Jane'), { nil: undefined }),
    metadata: fc.option(fc.constant({ plan: 'pro' }), { nil: undefined }),
    after: outcome,
  }),
  fc.record({
    type: fc.constant('page' as const),
    profileId,
    action: fc.oneof(
      fc.record({
        type: fc.constant('click' as const),
        selector: fc.constantFrom('#login', 'text=Log in', '[data-testid="buy"]', 'li:nth-of-type(2) > span'),
      }),
      fc.record({
        type: fc.constant('fill' as const),
        selector: fc.constantFrom('#email', 'input[name="password"]'),
        value: fc.string({ maxLength: 20 }),
      }),
      fc.record({
        type: fc.constant('press' as const),
        key: fc.constantFrom('Enter', 'Escape'),
        selector: fc.option(fc.constantFrom('#email'), { nil: undefined }),
      }),
      fc.record({ type: fc.constant('goto' as const), url: fc.constantFrom('/account', 'https://shop.example.test/cart') }),
    ),
  }),
  fc.record({
    type: fc.constantFrom('reload' as const, 'clearSiteData' as const, 'logout' as const, 'identity' as const),
    profileId,
    after: outcome,
  }),
  fc.record({
    type: fc.constant('restart' as const),
    profileId,
    identity: fc.constantFrom({ mode: 'same' as const }, { mode: 'new' as const }, { mode: 'typed' as const, channelId: C }),
    after: outcome,
  }),
  fc.record({ type: fc.constant('reset' as const), profileId, refused: fc.boolean(), after: outcome }),
  fc.record({
    type: fc.constant('login' as const),
    profileId,
    externalUserId: fc.constantFrom('User123', 'Jane'),
    signed: fc.boolean(),
    after: outcome,
  }),
  fc.record({ type: fc.constant('close' as const), profileId }),
  fc.record({ type: fc.constant('send' as const), profileId, text: fc.constantFrom('hi', 'order status') }),
  fc.record({
    type: fc.constant('webhook' as const),
    responsePath: fc.constantFrom(A, B, 'User123', 'x/y').map((id) => `${BOT}/c/${id}`),
    text: fc.constantFrom('hi', ' '),
    signed: fc.boolean(),
    outcome: fc.constantFrom('delivered' as const, 'queued' as const, 'refused' as const),
    arrivedIn: fc.subarray(['p1', 'p2', 'p3', 'p4']),
  }),
);

describe('any recorded sequence', () => {
  it('validates against the scenario schema, as JSON and as YAML: own sites and page steps included', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const scenario = buildScenario(events, { name: 'Recorded', startedAt: 0 });
        fc.pre(scenario.steps.length > 0);
        parseScenario(scenario, 'recorded.json');
        parseScenarioText(scenarioYaml(scenario), 'recorded.yaml');
      }),
      { numRuns: 400 },
    );
  });
});
