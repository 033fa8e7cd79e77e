import type { RunSummary, ScenarioResult, StepResult } from '../../../../main/scenarios/runner.ts';
import type { Finding } from '../../../../main/findings/types.ts';

const step = (index: number, label: string, extra: Partial<StepResult> = {}): StepResult => ({
  index,
  id: null,
  do: 'reload',
  label,
  profile: 'A',
  status: 'passed',
  durationMs: 120 + index,
  before: null,
  observed: { channelId: 'n_first01', responsePath: '5852754509ac70000c104b80/c/n_first01' },
  expectations: [
    { name: 'channelId', passed: true, expected: 'Channel ID n_first01 (the same as before this step)', observed: 'Channel ID n_first01' },
  ],
  message: null,
  ...extra,
});

const row = (
  step: number | null,
  action: 'opened' | 'reloaded' | 'restarted' | 'cleared' | 'reset' | 'closed',
  channelId: string | null,
  changed = false,
) => ({
  at: 1_700_000_000_000 + (step ?? 9) * 1000,
  action,
  channelId,
  responsePath: channelId === null ? null : `5852754509ac70000c104b80/c/${channelId}`,
  changed,
  note: null,
  step,
});

/** A passing scenario whose incognito profile changed its Channel ID once. */
export const PASSED: ScenarioResult = {
  key: 'cases/incognito.json',
  name: 'Incognito gets a new Channel ID',
  description: 'An incognito window starts empty.',
  source: 'cases/incognito.json',
  botId: '5852754509ac70000c104b80',
  status: 'passed',
  startedAt: 1_700_000_000_000,
  durationMs: 2345,
  steps: [
    step(0, 'open Same browser (persistent)', { do: 'open', profile: 'Same browser' }),
    step(1, 'open Incognito (incognito)', { do: 'open', profile: 'Incognito', observed: { channelId: 'n_incog001', responsePath: null } }),
    step(2, 'restart Incognito', { do: 'restart', profile: 'Incognito', observed: { channelId: 'n_incog002', responsePath: null } }),
  ],
  profiles: [
    { name: 'Same browser', label: 'Same browser', kind: 'persistent', externalUserId: null, timeline: [row(0, 'opened', 'n_first01')] },
    {
      name: 'Incognito',
      label: 'Incognito',
      kind: 'incognito',
      externalUserId: null,
      timeline: [row(1, 'opened', 'n_incog001'), row(2, 'restarted', 'n_incog002', true)],
    },
  ],
  failures: [],
};

const wrong = 'expected Channel ID n_keep0001 (the same as before this step), observed Channel ID n_other002';

/** A failing scenario with awkward characters everywhere a report must escape them. */
export const FAILED: ScenarioResult = {
  key: 'cases/<wrong> & "odd".json',
  name: 'Incognito keeps the ID <wrong> & "odd" | piped',
  description: null,
  source: 'cases/<wrong> & "odd".json',
  botId: '5852754509ac70000c104b81',
  status: 'failed',
  startedAt: 1_700_000_100_000,
  durationMs: 1500,
  steps: [
    step(0, 'open P|Q (incognito)', { do: 'open', profile: 'P|Q', observed: { channelId: 'n_keep0001', responsePath: null } }),
    step(1, 'restart P|Q', {
      do: 'restart',
      profile: 'P|Q',
      status: 'failed',
      observed: { channelId: 'n_other002', responsePath: null },
      expectations: [
        { name: 'channelId', passed: false, expected: 'Channel ID n_keep0001 (the same as before this step)', observed: 'Channel ID n_other002' },
      ],
      message: wrong,
    }),
    step(2, 'send "a\u0007b" from P|Q', { do: 'send', status: 'error', message: 'BOTBENCH_ERR_BROWSER: gone <now>', expectations: [] }),
    step(3, 'reload P|Q', { status: 'skipped', observed: null, expectations: [] }),
  ],
  profiles: [
    {
      name: 'P|Q',
      label: 'P|Q',
      kind: 'incognito',
      externalUserId: null,
      timeline: [row(0, 'opened', 'n_keep0001'), row(1, 'restarted', 'n_other002', true), row(null, 'reset', 'n_third003', true)],
    },
  ],
  failures: [`steps[1] "restart P|Q": ${wrong}`, 'steps[2] "send "a\u0007b" from P|Q": BOTBENCH_ERR_BROWSER: gone <now>'],
};

export const SUMMARY: RunSummary = { status: 'failed', startedAt: 1_700_000_000_000, durationMs: 4321, concurrency: 2, scenarios: [PASSED, FAILED] };

const GUESSABLE: Finding = {
  code: 'EXTERNAL_ID_GUESSABLE',
  severity: 'warning',
  title: 'externalUserId "1001" | looks <guessable>',
  evidence: ['setConfig({"externalUserId":"1001"}) at 120 ms'],
  fix: 'Use an unguessable ID, or turn on identity verification.',
  url: 'https://shop.example.test/',
  profileId: 'p1',
};

/** A scenario on a site of one's own: page steps with the page they left, and a profile with findings (twice: reported once). */
export const SITE: ScenarioResult = {
  ...PASSED,
  key: 'cases/shop.yaml',
  name: 'Shop login',
  description: null,
  source: 'cases/shop.yaml',
  steps: [
    step(0, 'open Laptop (persistent, https://shop.example.test/)', { do: 'open', profile: 'Laptop', url: 'https://shop.example.test/' }),
    step(1, 'fill #password with •••••• in Laptop', { do: 'fill', profile: 'Laptop', url: 'https://shop.example.test/' }),
    step(2, 'click text=Log in in Laptop', {
      do: 'click',
      profile: 'Laptop',
      url: 'https://shop.example.test/account',
      findings: [GUESSABLE],
      expectations: [
        {
          name: 'findings',
          passed: true,
          expected: 'findings EXTERNAL_ID_GUESSABLE in Laptop',
          observed: 'findings EXTERNAL_ID_GUESSABLE in Laptop',
        },
      ],
    }),
  ],
  profiles: [
    {
      name: 'Laptop',
      label: 'Laptop',
      kind: 'persistent',
      externalUserId: null,
      url: 'https://shop.example.test/',
      findings: [GUESSABLE, { ...GUESSABLE }],
      timeline: [row(0, 'opened', 'n_first01')],
    },
  ],
};
