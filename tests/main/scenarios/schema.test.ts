import { describe, expect, it } from 'vitest';
import { BotbenchError } from '../../../main/platform/errors.ts';
import { _everyFindingListed, describeStep, FINDING_CODES, formatPath, parseScenario, PROFILE_KIND_NAMES } from '../../../main/scenarios/schema.ts';

/** The error parseScenario throws, as the user reads it. */
function refusal(value: unknown): BotbenchError {
  try {
    parseScenario(value, 'case.json');
  } catch (error) {
    if (error instanceof BotbenchError) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

const open = (profile: string, kind = 'persistent', extra: Record<string, unknown> = {}) => ({ do: 'open', profile, kind, ...extra });

describe('parseScenario()', () => {
  it('accepts every step and expectation of the format', () => {
    const scenario = parseScenario(
      {
        $schema: './scenario.schema.json',
        name: 'Everything',
        description: 'all steps',
        timeoutMs: 3000,
        steps: [
          open('A', 'persistent', { id: 'first', expect: { channelId: 'new', responsePath: '{botId}/c/{channelId}' } }),
          { do: 'reload', profile: 'A', expect: { channelId: 'same' } },
          { do: 'restart', profile: 'A', expect: { channelId: { sameAs: 'first' }, responsePath: { sameAs: 0 } } },
          { do: 'clearSiteData', profile: 'A', expect: { channelId: 'changed' } },
          open('B', 'external-id', { externalUserId: 'User123', expect: { channelId: { equals: 'User123' }, responsePath: '{botId}/c/User123' } }),
          open('C', 'incognito', { metadata: { plan: 'pro' }, expect: { channelId: { differentFrom: { profile: 'A' } } } }),
          { do: 'reset', profile: 'B', title: 'press reset', expect: { reset: 'refused', channelId: 'same' } },
          { do: 'send', profile: 'C', text: 'hi', expect: { reply: { contains: 'pro' }, triggerMetadata: { plan: 'pro' } } },
          { do: 'webhook', profile: 'C', text: 'to C', expect: { webhook: 'delivered', arrivesIn: ['C'], notIn: ['A', 'B'] } },
          { do: 'webhook', responsePath: '{botId}/c/User123', text: 'to B', expect: { webhook: 'delivered' } },
          { do: 'waitForMessage', profile: 'B', contains: 'to B', source: 'webhook', timeoutMs: 500 },
          { do: 'close', profile: 'C' },
        ],
      },
      'everything.json',
    );
    expect(scenario.steps).toHaveLength(12);
    expect(scenario.steps.map(describeStep)).toEqual([
      'open A (persistent)',
      'reload A',
      'restart A',
      'clearSiteData A',
      'open B (external-id, externalUserId User123)',
      'open C (incognito, metadata)',
      'press reset (reset B)',
      'send "hi" from C',
      'webhook → C',
      'webhook → {botId}/c/User123',
      'wait for a message containing "to B" from webhook in B',
      'close C',
    ]);
  });

  it('knows every profile kind the workbench offers', () => {
    expect(PROFILE_KIND_NAMES).toEqual(expect.arrayContaining(['persistent', 'incognito', 'other-device', 'external-id', 'metadata']));
  });

  it('accepts the identity lab: bot settings, login, logout, restart identities and refusals', () => {
    const scenario = parseScenario(
      {
        name: 'lab',
        bot: { verifyIdentity: true },
        steps: [
          open('A', 'impersonator', { expect: { refused: true } }),
          open('B', 'login'),
          { do: 'login', profile: 'B', externalUserId: 'Jane', signed: false, expect: { refused: true } },
          { do: 'logout', profile: 'B', expect: { channelId: 'changed' } },
          { do: 'restart', profile: 'B', identity: { typed: 'n_mine001' }, expect: { channelId: { equals: 'n_mine001' }, refused: false } },
          { do: 'restart', profile: 'B', identity: 'new' },
        ],
      },
      'lab.json',
    );
    expect(scenario.bot).toEqual({ verifyIdentity: true });
    expect(scenario.steps.map(describeStep).slice(2)).toEqual([
      'log B in as Jane (unsigned)',
      'log B out',
      'restart B with ID n_mine001',
      'restart B with a new ID',
    ]);
  });

  it('refuses a refusal expectation where no widget connects, and an unknown restart identity', () => {
    const error = refusal({
      name: 'x',
      bot: { verifyWebhook: true },
      steps: [open('A'), { do: 'logout', profile: 'A', expect: { refused: true } }, { do: 'restart', profile: 'A', identity: 'other' }],
    });
    expect(
      error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    ).toEqual([
      'bot: Unrecognized key: "verifyWebhook"',
      'steps[1].expect: Unrecognized key: "refused"',
      'steps[2].identity: identity must be "same", "new" or {"typed": "<Channel ID>"}',
    ]);
  });

  it('refuses a typed restart ID that is not of the anonymous form, saying which form it must have', () => {
    const error = refusal({ name: 'x', steps: [open('A'), { do: 'restart', profile: 'A', identity: { typed: 'User123' } }] });
    expect(error.message).toContain('typed must be an anonymous Channel ID: "n_" and 7 letters, digits or "_"');
  });

  it('accepts YAML-style values and trims texts', () => {
    const scenario = parseScenario({ name: '  Trimmed  ', steps: [open('A'), { do: 'send', profile: 'A', text: '  hi ' }] }, 'x.yaml');
    expect(scenario.name).toBe('Trimmed');
    expect(scenario.steps[1]).toMatchObject({ text: 'hi' });
  });

  it('refuses a bad expectation with the path of the bad field and what it must be', () => {
    const error = refusal({
      name: 'x',
      steps: [
        open('A'),
        { do: 'reload', profile: 'A' },
        { do: 'reload', profile: 'A' },
        { do: 'restart', profile: 'A', expect: { channelId: 'kept' } },
      ],
    });
    expect(error.code).toBe('BOTBENCH_ERR_VALIDATION');
    expect(error.field).toBe('steps[3].expect.channelId');
    expect(error.message).toContain('case.json is not a valid scenario');
    expect(error.message).toContain('steps[3].expect.channelId: channelId must be "same", "changed", "new", {"equals": "<Channel ID>"}');
  });

  it('lists every bad field at once, so one run fixes the whole file', () => {
    const error = refusal({
      name: '',
      steps: [
        open('A', 'private'),
        { do: 'jump', profile: 'A' },
        { do: 'reload', profile: 'A', extra: true },
        { do: 'reset', profile: 'A', expect: { webhook: 'queued' } },
      ],
    });
    const lines = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(lines).toEqual([
      'name: name must not be empty',
      `steps[0].kind: Invalid option: expected one of ${PROFILE_KIND_NAMES.map((kind) => `"${kind}"`).join('|')}`,
      'steps[1].do: do must be one of open, reload, restart, clearSiteData, reset, login, logout, close, send, webhook, waitForMessage, goto, click, fill, press, waitFor',
      'steps[2]: Unrecognized key: "extra"',
      'steps[3].expect: Unrecognized key: "webhook"',
    ]);
  });

  it('refuses a file that is not a scenario object, saying what is required', () => {
    expect(refusal([]).message).toContain('(the scenario): Invalid input: expected object, received array');
    expect(refusal({ steps: [open('A')] }).message).toContain('name: name is required');
    expect(refusal({ name: 'x' }).message).toContain('steps: steps is required');
    expect(refusal({ name: 'x', steps: [] }).message).toContain('steps: steps must hold at least one step');
  });

  it('refuses a profile used before it is opened, opened twice, or used after close', () => {
    const error = refusal({
      name: 'order',
      steps: [{ do: 'reload', profile: 'A' }, open('A'), open('A'), { do: 'close', profile: 'A' }, { do: 'send', profile: 'A', text: 'hi' }],
    });
    expect(error.message).toContain('steps[0].profile: no profile "A" is open at this step; open it first with {"do": "open", "profile": "A", …}');
    expect(error.message).toContain('steps[2].profile: a profile "A" was already opened at an earlier step; give this one another name');
    expect(error.message).toContain('steps[4].profile: profile "A" was closed earlier; open a new profile under another name');
  });

  it('refuses references to later, unknown or profile-less steps', () => {
    const error = refusal({
      name: 'refs',
      steps: [
        open('A', 'persistent', { id: 'a' }),
        { do: 'webhook', id: 'hook', responsePath: '{botId}/c/User123', text: 'x' },
        { do: 'reload', profile: 'A', expect: { channelId: { sameAs: 5 } } },
        { do: 'reload', profile: 'A', expect: { channelId: { sameAs: 'nope' } } },
        { do: 'reload', profile: 'A', expect: { channelId: { differentFrom: 'hook' } } },
        { do: 'reload', profile: 'A', expect: { responsePath: { sameAs: { profile: 'Z' } } } },
        { do: 'reload', profile: 'A', id: 'a' },
      ],
    });
    expect(error.message).toContain(
      'steps[2].expect.channelId.sameAs: steps[5] is not an earlier step; a reference points back, to steps[0]…steps[1]',
    );
    expect(error.message).toContain('steps[3].expect.channelId.sameAs: no earlier step has id "nope"');
    expect(error.message).toContain(
      'steps[4].expect.channelId.differentFrom: step "hook" leaves no profile open to read a Channel ID from (it acts on no profile)',
    );
    expect(error.message).toContain('steps[5].expect.responsePath.sameAs.profile: no profile "Z" was opened before this step');
    expect(error.message).toContain('steps[6].id: "a" is already the id of steps[0]; step ids must be unique');
  });

  it('refuses "same" or "changed" on an open step, which has no earlier Channel ID', () => {
    expect(refusal({ name: 'x', steps: [open('A', 'persistent', { expect: { channelId: 'same' } })] }).message).toContain(
      'steps[0].expect.channelId: "same" compares with the profile\'s Channel ID before the step',
    );
  });

  it('refuses a webhook step without exactly one target, and unknown placeholders', () => {
    const error = refusal({
      name: 'hooks',
      steps: [
        open('A'),
        { do: 'webhook', text: 'x' },
        { do: 'webhook', profile: 'A', responsePath: '{botId}/c/x', text: 'x' },
        { do: 'webhook', responsePath: '{bot}/c/x', text: 'x', expect: { arrivesIn: ['B'] } },
        { do: 'webhook', profile: 'A', text: '   ' },
      ],
    });
    expect(error.message).toContain('steps[1]: a webhook step needs exactly one of "profile"');
    expect(error.message).toContain('steps[2]: a webhook step needs exactly one of "profile"');
    expect(error.message).toContain(
      'steps[3].responsePath: unknown placeholder {bot}; a response path here may use {botId}, e.g. "{botId}/c/User123"',
    );
    expect(error.message).toContain('steps[3].expect.arrivesIn[0]: no profile "B" is open at this step');
    expect(error.message).toContain('steps[4].text: text must not be empty');
  });

  it('refuses an external user ID the platform would refuse', () => {
    expect(refusal({ name: 'x', steps: [open('A', 'external-id', { externalUserId: 'has space' })] }).message).toContain(
      'steps[0].externalUserId: externalUserId must be 1 to 128 characters without whitespace',
    );
  });
});

describe('parseScenario(): a scenario on the site itself (page steps, open with url, findings)', () => {
  it('accepts an open with url and every page step, and describes each (a password stays out of the label)', () => {
    const scenario = parseScenario(
      {
        name: 'Shop login',
        steps: [
          open('A', 'persistent', { url: 'https://staging.example.com/', expect: { channelId: 'new', findings: { none: true } } }),
          open('Demo', 'incognito', { url: '{platformUrl}/site/{botId}' }),
          { do: 'goto', profile: 'A', url: '/login', timeoutMs: 2000 },
          { do: 'fill', profile: 'A', selector: '#username', value: 'ada' },
          { do: 'fill', profile: 'A', selector: 'input[name=password]', value: 'lovelace' },
          { do: 'click', profile: 'A', selector: 'text=Log in', expect: { channelId: 'changed', responsePath: '{botId}/c/cust_1001' } },
          { do: 'press', profile: 'A', key: 'Enter', selector: '#q' },
          { do: 'press', profile: 'A', key: 'Control+a' },
          {
            do: 'waitFor',
            profile: 'A',
            text: 'Welcome back',
            expect: { findings: { present: ['EXTERNAL_ID_GUESSABLE'], absent: ['READY_CALLBACK_MISSING'] } },
          },
          { do: 'waitFor', profile: 'A', selector: '#account', title: 'account page' },
          { do: 'goto', profile: 'A', url: 'file:///tmp/saved.html' },
        ],
      },
      'shop.json',
    );
    expect(scenario.steps.map(describeStep)).toEqual([
      'open A (persistent, https://staging.example.com/)',
      'open Demo (incognito, {platformUrl}/site/{botId})',
      'go to /login in A',
      'fill #username with "ada" in A',
      'fill input[name=password] with •••••• in A',
      'click text=Log in in A',
      'press Enter on #q in A',
      'press Control+a in A',
      'wait for text "Welcome back" in A',
      'account page (wait for #account in A)',
      'go to file:///tmp/saved.html in A',
    ]);
  });

  it('refuses bad page steps, naming each field and what it must be', () => {
    const error = refusal({
      name: 'bad pages',
      steps: [
        open('A', 'persistent', { url: 'shop.example.com', externalUserId: 'User123', metadata: { a: 1 } }),
        open('B', 'persistent', { url: 'ftp://example.com/' }),
        { do: 'goto', profile: 'A', url: '{site}/login' },
        { do: 'goto', profile: 'A', url: 'javascript:alert(1)' },
        { do: 'click', profile: 'A', selector: '' },
        { do: 'click', profile: 'A', selector: 'text=' },
        { do: 'fill', profile: 'A', selector: '#q' },
        { do: 'press', profile: 'A', key: 'Return' },
        { do: 'waitFor', profile: 'A', text: '' },
        { do: 'waitFor', profile: 'A', selector: '#a', text: 'b', extra: 1 },
        { do: 'click', profile: 'C', selector: '#a' },
        { do: 'click', profile: 'A', selector: '#a', timeoutMs: 0 },
      ],
    });
    const lines = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(lines).toEqual([
      'steps[0].url: url must be an absolute http, https or file address such as "https://staging.example.com/"; got "shop.example.com"',
      'steps[1].url: url must be an absolute http, https or file address such as "https://staging.example.com/"; got "ftp://example.com/"',
      'steps[2].url: unknown placeholder {site}; a url may use {platformUrl} and {botId}',
      `steps[3].url: url must be an http, https or file address, or a path on the profile's page such as "/login"; got "javascript:alert(1)"`,
      'steps[4].selector: selector must not be empty',
      'steps[5].selector: a text selector needs the text after "text=", e.g. "text=Log in"',
      'steps[6].value: value is required: the text to type into the field ("" empties it)',
      'steps[7].key: key must be one character or one of Enter, Tab, Escape, Backspace, Delete, Space, ArrowUp, ArrowDown, ArrowLeft, ArrowRight, Home, End, PageUp, PageDown, F1–F12, optionally after Control+, Shift+, Alt+ or Meta+',
      'steps[8].text: Too small: expected string to have >=1 characters',
      'steps[9]: Unrecognized key: "extra"',
      'steps[11].timeoutMs: Too small: expected number to be >=1',
    ]);
  });

  it('refuses page steps in the wrong order or shape once every field is right', () => {
    const error = refusal({
      name: 'bad order',
      steps: [
        open('A', 'persistent', { url: 'https://shop.example.com/', externalUserId: 'User123', metadata: { a: 1 } }),
        { do: 'waitFor', profile: 'A' },
        { do: 'waitFor', profile: 'A', selector: '#a', text: 'b' },
        { do: 'click', profile: 'C', selector: '#a' },
      ],
    });
    const lines = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(lines).toEqual([
      `steps[0].externalUserId: with "url", the site's own snippet decides externalUserId; remove it, or open the demo page (no "url") to set it`,
      `steps[0].metadata: with "url", the site's own snippet decides metadata; remove it, or open the demo page (no "url") to set it`,
      'steps[1]: a waitFor step needs exactly one of "selector" (an element, e.g. "#welcome") or "text" (e.g. "Welcome back")',
      'steps[2]: a waitFor step needs exactly one of "selector" (an element, e.g. "#welcome") or "text" (e.g. "Welcome back")',
      'steps[3].profile: no profile "C" is open at this step; open it first with {"do": "open", "profile": "C", …}',
    ]);
  });

  it('refuses a findings expectation with an unknown code or neither list, and findings where no profile is looked at', () => {
    const error = refusal({
      name: 'findings',
      steps: [
        open('A', 'persistent', { expect: { findings: { present: ['EXTERNAL_ID_GESSABLE'] } } }),
        { do: 'reload', profile: 'A', expect: { findings: {} } },
        { do: 'reload', profile: 'A', expect: { findings: { none: false } } },
        { do: 'send', profile: 'A', text: 'hi', expect: { findings: { none: true } } },
      ],
    });
    const lines = error.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(lines).toEqual([
      `steps[0].expect.findings.present[0]: a finding code is one of ${FINDING_CODES.join(', ')}`,
      'steps[1].expect.findings: findings needs {"none": true}, or "present" and/or "absent" lists of finding codes',
      'steps[2].expect.findings.none: none must be true: {"none": true} expects no findings at all',
      'steps[3].expect: Unrecognized key: "findings"',
    ]);
    const both = { findings: { none: true, absent: ['READY_CALLBACK_THREW'] } };
    expect(refusal({ name: 'x', steps: [open('A', 'persistent', { expect: both })] }).message).toContain(
      'steps[0].expect.findings: findings takes {"none": true}, or "present" and "absent" lists, not both',
    );
    expect(refusal({ name: 'x', steps: [open('A', 'persistent', { expect: { findings: 'none' } })] }).message).toContain(
      'steps[0].expect.findings: findings must be {"none": true} or {"present"',
    );
  });

  it('keeps its list of finding codes equal to the findings module’s type', () => {
    expect(_everyFindingListed).toBe(true);
    expect(new Set(FINDING_CODES).size).toBe(FINDING_CODES.length);
  });
});

describe('formatPath()', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['steps', 3, 'expect', 'channelId'])).toBe('steps[3].expect.channelId');
    expect(formatPath([])).toBe('(the scenario)');
  });
});
