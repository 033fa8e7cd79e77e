import { describe, expect, it } from 'vitest';
import { BotbenchError } from '../../../main/platform/errors.ts';
import { describeStep, formatPath, parseScenario, PROFILE_KIND_NAMES } from '../../../main/scenarios/schema.ts';

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
      'steps[1].do: do must be one of open, reload, restart, clearSiteData, reset, login, logout, close, send, webhook, waitForMessage',
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

describe('formatPath()', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['steps', 3, 'expect', 'channelId'])).toBe('steps[3].expect.channelId');
    expect(formatPath([])).toBe('(the scenario)');
  });
});
