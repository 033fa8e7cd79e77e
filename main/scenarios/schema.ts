/**
 * The identity scenario format: the single source of truth for its shape and its error
 * messages. A scenario is a named list of steps run in order against browser profiles; each
 * step does one thing (`do`) and may `expect` something of what followed. docs/scenarios.md
 * describes it for people; this file is what the runner and the loader obey.
 */
import { z } from 'zod';
import { PROFILE_KINDS } from '../common/profile-kinds.ts';
import type { FindingCode } from '../findings/types.ts';
import type { StepAction as ReportedAction } from './types.ts';
import { BotbenchError } from '../platform/errors.ts';
import { ANONYMOUS_ID_EXPECTED, CHANNEL_ID_EXPECTED, isAnonymousChannelId, isChannelId } from '../common/ids.ts';
import { MAX_METADATA_BYTES, MAX_TEXT } from '../common/widget-frames.ts';

/** Every profile kind the workbench knows (main/common/profile-kinds.ts), so a new kind is usable in scenarios at once. */
export const PROFILE_KIND_NAMES = PROFILE_KINDS;
export const MESSAGE_SOURCES = ['widget', 'bot', 'webhook'] as const;
/** How long a step waits for a message to show in a profile, unless the scenario says otherwise. */
export const DEFAULT_WAIT_MS = 5000;

const profileName = z
  .string({ error: 'a profile name is a string such as "A" or "same browser"' })
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} _.,:'’()-]{0,39}$/u,
    "a profile name is 1 to 40 letters, digits, spaces or _.,:'’()- and starts with a letter or digit",
  );

const stepId = z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'a step id is 1 to 40 letters, digits, "_" or "-", starting with a letter');

/** A Channel ID observed earlier: at a step (its index in `steps`, or its `id`), or the current one of a profile. */
const ref = z.union([z.int().min(0), stepId, z.strictObject({ profile: profileName })], {
  error: 'a reference is a step index (0 for steps[0]), a step id such as "first-visit", or {"profile": "<name>"}',
});
export type Ref = z.infer<typeof ref>;

const channelIdExpectation = z.union(
  [
    z.enum(['same', 'changed', 'new']),
    z.strictObject({ equals: z.string().refine(isChannelId, `equals must be a Channel ID: ${CHANNEL_ID_EXPECTED}`) }),
    z.strictObject({ sameAs: ref }),
    z.strictObject({ differentFrom: ref }),
  ],
  {
    error:
      'channelId must be "same", "changed", "new", {"equals": "<Channel ID>"}, {"sameAs": <step index, step id or {"profile": name}>} or {"differentFrom": …}',
  },
);
export type ChannelIdExpectation = z.infer<typeof channelIdExpectation>;

const PATH_PLACEHOLDERS = ['botId', 'channelId'] as const;
/** A response path with `{botId}` (the scenario's bot) and, in expectations, `{channelId}` (the profile's). */
const pathTemplate = (allowed: readonly string[]) =>
  z
    .string()
    .min(1)
    .max(300)
    .superRefine((value, context) => {
      for (const [, name] of value.matchAll(/\{([^}]*)\}/g)) {
        if (!allowed.includes(name ?? '')) {
          context.addIssue({
            code: 'custom',
            message: `unknown placeholder {${name}}; a response path here may use ${allowed.map((p) => `{${p}}`).join(' and ')}, e.g. "{botId}/c/User123"`,
          });
        }
      }
    });

const responsePathExpectation = z.union([pathTemplate(PATH_PLACEHOLDERS), z.strictObject({ sameAs: ref }), z.strictObject({ differentFrom: ref })], {
  error: 'responsePath must be a template such as "{botId}/c/User123", {"sameAs": <step or {"profile": name}>} or {"differentFrom": …}',
});
export type ResponsePathExpectation = z.infer<typeof responsePathExpectation>;

const identityExpect = {
  /** The profile's Channel ID after the step. */
  channelId: channelIdExpectation.optional(),
  /** The profile's Response Path after the step. */
  responsePath: responsePathExpectation.optional(),
};

/** Whether the platform refused the widget (e.g. an external user ID without a valid userHash on a bot that verifies identities). */
const refusedExpect = { refused: z.boolean().optional() };

const externalUserId = z.string().refine(isChannelId, `externalUserId must be ${CHANNEL_ID_EXPECTED}`);

const metadata = z
  .record(z.string(), z.unknown(), { error: 'metadata must be a JSON object such as {"myUserId": "123"}' })
  .refine(
    (value) => Buffer.byteLength(JSON.stringify(value)) <= MAX_METADATA_BYTES,
    `metadata must serialise to at most ${MAX_METADATA_BYTES} bytes`,
  );

const text = z
  .string({ error: 'text is required: the message to send' })
  .trim()
  .min(1, 'text must not be empty')
  .max(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`);
const profileList = z.array(profileName).min(1);
const common = {
  /** A name other steps can refer to, e.g. in {"sameAs": "first-visit"}. */
  id: stepId.optional(),
  /** Shown in progress and reports instead of the generated description. */
  title: z.string().min(1).max(200).optional(),
};

/** Placeholders a page URL may use: the platform's address and the scenario's bot (the demo site is `{platformUrl}/site/{botId}`). */
export const URL_PLACEHOLDERS = ['platformUrl', 'botId'] as const;
const SAMPLE_PLACEHOLDERS: Record<string, string> = { platformUrl: 'http://127.0.0.1:1', botId: '000000000000000000000000' };

/**
 * A page's address: absolute http, https or file (`open`), or also relative to the page the
 * profile shows (`goto`, e.g. "/account"). `{platformUrl}` and `{botId}` are filled in at run time.
 */
const pageUrl = (relative: boolean) =>
  z
    .string({ error: 'url is required: a page address such as "https://staging.example.com/"' })
    .min(1)
    .max(2000)
    .superRefine((value, context) => {
      let unknown = false;
      for (const [, name] of value.matchAll(/\{([^}]*)\}/g)) {
        if (!(URL_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
          unknown = true;
          context.addIssue({ code: 'custom', message: `unknown placeholder {${name}}; a url may use {platformUrl} and {botId}` });
        }
      }
      if (unknown) return;
      const filled = value.replace(/\{(\w+)\}/g, (whole, name: string) => SAMPLE_PLACEHOLDERS[name] ?? whole);
      const url = URL.parse(filled, relative ? 'http://page.invalid/' : undefined);
      if (url === null || !['http:', 'https:', 'file:'].includes(url.protocol))
        context.addIssue({
          code: 'custom',
          message: relative
            ? `url must be an http, https or file address, or a path on the profile's page such as "/login"; got ${JSON.stringify(value)}`
            : `url must be an absolute http, https or file address such as "https://staging.example.com/"; got ${JSON.stringify(value)}`,
        });
    });

/** A CSS selector ("#login", "form button[type=submit]"), or text the element shows, as `text=Log in`. */
const selector = z
  .string({ error: 'selector is required: a CSS selector such as "#email", or text=<what the element shows>, such as "text=Log in"' })
  .min(1, 'selector must not be empty')
  .max(500, 'selector must be at most 500 characters')
  .refine((value) => !/^text=\s*$/.test(value), 'a text selector needs the text after "text=", e.g. "text=Log in"');

/** Keys a `press` step may press, with optional modifiers (`Control+a`), named as Playwright and the DOM name them. */
export const NAMED_KEYS = [
  'Enter',
  'Tab',
  'Escape',
  'Backspace',
  'Delete',
  'Space',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
] as const;
const KEY_PATTERN = new RegExp(`^(?:(?:Control|Shift|Alt|Meta)\\+)*(?:${NAMED_KEYS.join('|')}|[!-~])$`);
const key = z
  .string({ error: 'key is required: a key such as "Enter", "Tab" or "a"' })
  .regex(
    KEY_PATTERN,
    `key must be one character or one of ${NAMED_KEYS.slice(0, 14).join(', ')}, F1–F12, optionally after Control+, Shift+, Alt+ or Meta+`,
  );

/** Every finding code (main/findings/types.ts); the compile-time check below keeps the two equal. */
export const FINDING_CODES = [
  'READY_CALLBACK_MISSING',
  'READY_CALLBACK_NEVER_CALLED',
  'READY_CALLBACK_THREW',
  'SETCONFIG_BEFORE_WIDGET',
  'SETCONFIG_TOO_LATE',
  'EXTERNAL_ID_REFUSED',
  'EXTERNAL_ID_EMPTY',
  'EXTERNAL_ID_STRINGIFIED',
  'EXTERNAL_ID_NOT_STRING',
  'EXTERNAL_ID_GUESSABLE',
  'EXTERNAL_ID_UNSTABLE',
  'METADATA_CREDENTIAL',
  'METADATA_TOO_LARGE',
  'METADATA_NOT_SERIALISABLE',
  'LOGIN_NOT_IDENTIFIED',
  'LOGIN_CONVERSATION_LOST',
  'CSP_BLOCKS_FLOWXO_SCRIPT',
  'CSP_BLOCKS_FLOWXO_SOCKET',
] as const satisfies readonly FindingCode[];
type UnlistedFinding = Exclude<FindingCode, (typeof FINDING_CODES)[number]>;
export const _everyFindingListed: [UnlistedFinding] extends [never] ? true : UnlistedFinding = true;

const findingCodes = z
  .array(z.enum(FINDING_CODES, { error: `a finding code is one of ${FINDING_CODES.join(', ')}` }))
  .min(1)
  .max(FINDING_CODES.length);

/**
 * The site integration findings of the step's profile after the step: `{"none": true}`, or codes
 * that must be `present` and codes that must be `absent`.
 */
const findingsExpectation = z
  .strictObject(
    {
      none: z.literal(true, { error: 'none must be true: {"none": true} expects no findings at all' }).optional(),
      present: findingCodes.optional(),
      absent: findingCodes.optional(),
    },
    { error: 'findings must be {"none": true} or {"present": ["EXTERNAL_ID_GUESSABLE", …], "absent": [ … ]} with finding codes (docs/own-site.md)' },
  )
  .superRefine((value, context) => {
    const lists = value.present !== undefined || value.absent !== undefined;
    if (value.none && lists)
      context.addIssue({ code: 'custom', message: 'findings takes {"none": true}, or "present" and "absent" lists, not both' });
    if (!value.none && !lists)
      context.addIssue({ code: 'custom', message: 'findings needs {"none": true}, or "present" and/or "absent" lists of finding codes' });
  });
export type FindingsExpectation = z.infer<typeof findingsExpectation>;
const findingsExpect = { findings: findingsExpectation.optional() };

/** How long a page step waits for its element, text or page load. */
const pageTimeout = { timeoutMs: z.int().min(1).max(120_000).optional() };

export const STEP_ACTIONS = [
  'open',
  'reload',
  'restart',
  'clearSiteData',
  'reset',
  'login',
  'logout',
  'close',
  'send',
  'webhook',
  'waitForMessage',
  'goto',
  'click',
  'fill',
  'press',
  'waitFor',
] as const;

/** What a page step may expect: the identity the widget has once the page settled, and the page's findings. */
const pageExpect = z.strictObject({ ...identityExpect, ...refusedExpect, ...findingsExpect }).optional();

const profileStep = <T extends string, E extends z.ZodRawShape>(action: T, expect: E) =>
  z.strictObject({ do: z.literal(action), profile: profileName, ...common, expect: z.strictObject(expect).optional() });

export const stepSchema = z.discriminatedUnion(
  'do',
  [
    z.strictObject({
      do: z.literal('open'),
      profile: profileName,
      kind: z.enum(PROFILE_KIND_NAMES),
      /** The site's own page instead of the demo page: the page's snippet then decides the visitor (Botbench's). */
      url: pageUrl(false).optional(),
      /** The site’s user ID (any kind; external-id, impersonator and login default to "User123"). */
      externalUserId: externalUserId.optional(),
      /** Passed to the widget with setConfig (any kind; metadata defaults to {"myUserId":"123"}). */
      metadata: metadata.optional(),
      ...common,
      expect: z.strictObject({ ...identityExpect, ...refusedExpect, ...findingsExpect }).optional(),
    }),
    profileStep('reload', { ...identityExpect, ...refusedExpect, ...findingsExpect }),
    z.strictObject({
      do: z.literal('restart'),
      profile: profileName,
      /** What the browser comes back as: its stored ID ("same", the default), none ("new"), or one the tester types. */
      identity: z
        .union(
          [
            z.enum(['same', 'new']),
            z.strictObject({ typed: z.string().refine(isAnonymousChannelId, `typed must be an anonymous Channel ID: ${ANONYMOUS_ID_EXPECTED}`) }),
          ],
          {
            error: 'identity must be "same", "new" or {"typed": "<Channel ID>"}',
          },
        )
        .optional(),
      ...common,
      expect: z.strictObject({ ...identityExpect, ...refusedExpect, ...findingsExpect }).optional(),
    }),
    profileStep('clearSiteData', { ...identityExpect, ...findingsExpect }),
    profileStep('reset', { ...identityExpect, reset: z.enum(['allowed', 'refused']).optional() }),
    z.strictObject({
      do: z.literal('login'),
      profile: profileName,
      externalUserId,
      /** The page's server signs the login with the bot's identity secret (default), or not, as an attacker's page would. */
      signed: z.boolean().optional(),
      ...common,
      expect: z.strictObject({ ...identityExpect, ...refusedExpect, ...findingsExpect }).optional(),
    }),
    profileStep('logout', { ...identityExpect, ...findingsExpect }),
    z.strictObject({ do: z.literal('close'), profile: profileName, ...common }),
    z.strictObject({
      do: z.literal('send'),
      profile: profileName,
      text,
      ...common,
      expect: z
        .strictObject({
          /** A bot reply shown in the profile after the message, containing this text. */
          reply: z.strictObject({ contains: z.string().min(1) }).optional(),
          /** The metadata the platform gave the flow this message triggered (keys compared, others ignored). */
          triggerMetadata: metadata.optional(),
        })
        .optional(),
    }),
    z.strictObject({
      do: z.literal('webhook'),
      /** Fire at this profile's current Response Path … */
      profile: profileName.optional(),
      /** … or at a path known in advance, e.g. "{botId}/c/User123". */
      responsePath: pathTemplate(['botId']).optional(),
      text,
      /** The back end signs it with the bot's webhook secret (Standard Webhooks; default), or not, as a forger would. */
      signed: z.boolean().optional(),
      ...common,
      expect: z
        .strictObject({
          /** What the webhook answered. */
          webhook: z.enum(['delivered', 'queued', 'refused']).optional(),
          /** Profiles whose widget must show this very message. */
          arrivesIn: profileList.optional(),
          /** Profiles whose widget must not show it. */
          notIn: profileList.optional(),
        })
        .optional(),
    }),
    z.strictObject({
      do: z.literal('waitForMessage'),
      profile: profileName,
      /** The whole text of the message … */
      text: z.string().min(1).optional(),
      /** … or a part of it. */
      contains: z.string().min(1).optional(),
      source: z.enum(MESSAGE_SOURCES).optional(),
      timeoutMs: z.int().min(1).max(120_000).optional(),
      ...common,
    }),
    // Page steps (Botbench's): drive the profile's page as its user would.
    z.strictObject({ do: z.literal('goto'), profile: profileName, url: pageUrl(true), ...pageTimeout, ...common, expect: pageExpect }),
    z.strictObject({ do: z.literal('click'), profile: profileName, selector, ...pageTimeout, ...common, expect: pageExpect }),
    z.strictObject({
      do: z.literal('fill'),
      profile: profileName,
      selector,
      value: z.string({ error: 'value is required: the text to type into the field ("" empties it)' }).max(10_000),
      ...pageTimeout,
      ...common,
      expect: pageExpect,
    }),
    z.strictObject({
      do: z.literal('press'),
      profile: profileName,
      key,
      /** Focus this element first; without it the key goes to whatever has focus. */
      selector: selector.optional(),
      ...pageTimeout,
      ...common,
      expect: pageExpect,
    }),
    z.strictObject({
      do: z.literal('waitFor'),
      profile: profileName,
      /** An element matching this … */
      selector: selector.optional(),
      /** … or this text anywhere in the page. */
      text: z.string().min(1).max(500).optional(),
      ...pageTimeout,
      ...common,
      expect: pageExpect,
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' && issue.note === 'No matching discriminator' ? `do must be one of ${STEP_ACTIONS.join(', ')}` : undefined,
  },
);

export type Step = z.infer<typeof stepSchema>;
export type StepAction = Step['do'];
// Compile-time checks that STEP_ACTIONS (used in the error message) and the result types' StepAction name every step.
type Unlisted = Exclude<StepAction, (typeof STEP_ACTIONS)[number]> | Exclude<StepAction, ReportedAction> | Exclude<ReportedAction, StepAction>;
export const _everyStepListed: [Unlisted] extends [never] ? true : Unlisted = true;

const scenarioShape = z.strictObject({
  /** Lets editors find a JSON Schema; ignored by the runner. */
  $schema: z.string().optional(),
  name: z
    .string({ error: 'name is required: a string saying what the scenario shows, e.g. "Incognito gets a new Channel ID"' })
    .trim()
    .min(1, 'name must not be empty')
    .max(200, 'name must be at most 200 characters'),
  description: z.string().max(2000).optional(),
  /** How long a step waits for a message to show in a profile. Default 5000 ms. */
  timeoutMs: z.int().min(1).max(120_000).optional(),
  /** The scenario's own bot: its settings and flows, so a suite brings everything it needs. */
  bot: z
    .strictObject({
      /** Refuse an external user ID without a valid userHash (identity verification). Default false, as on Flow XO. */
      verifyIdentity: z.boolean().optional(),
      /** Refuse a webhook without a valid Standard Webhooks signature. Default false, as on Flow XO. */
      verifyWebhooks: z.boolean().optional(),
      theme: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'theme is a colour like #1f6feb')
        .optional(),
      greeting: z.string().max(500).optional(),
      /** The bot's flows instead of the default two (each checked against the flow schema when the run starts). `{bin:Name}` stands for the URL of the scenario's bin Name. */
      flows: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
      /** Take settings and flows from a bot of a workspace file (path relative to the scenario file); `flows` and settings given here win. */
      workspace: z
        .strictObject({
          file: z.string().min(1).max(500),
          botId: z
            .string()
            .regex(/^[0-9a-f]{24}$/, 'botId is a 24-hex Bot ID')
            .optional(),
        })
        .optional(),
    })
    .optional(),
  /** Request bins the scenario's flows call ("your back end"), made before the first step and deleted with the bot. */
  bins: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z][\w-]{0,39}$/, 'a bin name is 1 to 40 letters, digits, "_" or "-", starting with a letter'),
        status: z.int().min(100).max(599).optional(),
        body: z.string().max(100_000).optional(),
        contentType: z.string().max(200).optional(),
        delayMs: z.int().min(0).max(30_000).optional(),
      }),
    )
    .max(10)
    .optional(),
  steps: z
    .array(stepSchema, { error: 'steps is required: a list of steps such as {"do": "open", "profile": "A", "kind": "persistent"}' })
    .min(1, 'steps must hold at least one step'),
});

/** The order-dependent rules a field schema cannot see: profiles open before use, references to earlier steps. */
export const scenarioSchema = scenarioShape.superRefine((scenario, context) => {
  const issue = (path: Array<string | number>, message: string): void => context.addIssue({ code: 'custom', path, message });
  const ids = new Map<string, number>();
  /** Profiles opened so far, and which are closed. */
  const opened = new Set<string>();
  const closed = new Set<string>();

  const checkRef = (value: Ref, index: number, path: Array<string | number>): void => {
    if (typeof value === 'object') {
      if (!opened.has(value.profile)) issue([...path, 'profile'], `no profile "${value.profile}" was opened before this step`);
      return;
    }
    const at = typeof value === 'number' ? value : ids.get(value);
    const name = typeof value === 'number' ? `steps[${value}]` : `step "${value}"`;
    if (at === undefined) issue(path, `no earlier step has id "${value}"`);
    else if (at >= index) issue(path, `${name} is not an earlier step; a reference points back, to steps[0]…steps[${index - 1}]`);
    else {
      const target: Step = scenario.steps[at]!;
      const why = target.do === 'close' ? 'closes its profile' : 'acts on no profile';
      if (!observesIdentity(target)) issue(path, `${name} leaves no profile open to read a Channel ID from (it ${why})`);
    }
  };
  const checkOpen = (name: string, path: Array<string | number>): void => {
    if (closed.has(name)) issue(path, `profile "${name}" was closed earlier; open a new profile under another name`);
    else if (!opened.has(name)) issue(path, `no profile "${name}" is open at this step; open it first with {"do": "open", "profile": "${name}", …}`);
  };

  scenario.steps.forEach((step, index) => {
    const at = (...rest: Array<string | number>): Array<string | number> => ['steps', index, ...rest];
    if (step.id !== undefined) {
      const first = ids.get(step.id);
      if (first !== undefined) issue(at('id'), `"${step.id}" is already the id of steps[${first}]; step ids must be unique`);
    }
    if (step.do === 'open') {
      if (opened.has(step.profile))
        issue(at('profile'), `a profile "${step.profile}" was already opened at an earlier step; give this one another name`);
    } else if (step.do !== 'webhook' || step.profile !== undefined) {
      checkOpen(step.profile!, at('profile'));
    }

    if (step.do === 'webhook') {
      if ((step.profile === undefined) === (step.responsePath === undefined))
        issue(at(), 'a webhook step needs exactly one of "profile" (fire at its current response path) or "responsePath" (e.g. "{botId}/c/User123")');
      for (const key of ['arrivesIn', 'notIn'] as const) step.expect?.[key]?.forEach((name, i) => checkOpen(name, at('expect', key, i)));
    }
    if (step.do === 'open' && step.url !== undefined) {
      for (const key of ['externalUserId', 'metadata'] as const)
        if (step[key] !== undefined)
          issue(at(key), `with "url", the site's own snippet decides ${key}; remove it, or open the demo page (no "url") to set it`);
    }
    if (step.do === 'waitFor' && (step.selector === undefined) === (step.text === undefined))
      issue(at(), 'a waitFor step needs exactly one of "selector" (an element, e.g. "#welcome") or "text" (e.g. "Welcome back")');
    if (step.do === 'waitForMessage' && step.text !== undefined && step.contains !== undefined)
      issue(at(), 'waitForMessage takes "text" (the whole message) or "contains" (a part), not both');

    const expect = 'expect' in step ? step.expect : undefined;
    if (expect && 'channelId' in expect && expect.channelId !== undefined) {
      const channelId = expect.channelId;
      if (step.do === 'open' && (channelId === 'same' || channelId === 'changed'))
        issue(
          at('expect', 'channelId'),
          `"${channelId}" compares with the profile's Channel ID before the step, but a profile has none before it opens; use "new" or {"sameAs": …}`,
        );
      if (typeof channelId === 'object' && 'sameAs' in channelId) checkRef(channelId.sameAs, index, at('expect', 'channelId', 'sameAs'));
      if (typeof channelId === 'object' && 'differentFrom' in channelId)
        checkRef(channelId.differentFrom, index, at('expect', 'channelId', 'differentFrom'));
    }
    if (expect && 'responsePath' in expect && typeof expect.responsePath === 'object') {
      const path = expect.responsePath;
      if ('sameAs' in path) checkRef(path.sameAs, index, at('expect', 'responsePath', 'sameAs'));
      if ('differentFrom' in path) checkRef(path.differentFrom, index, at('expect', 'responsePath', 'differentFrom'));
    }

    if (step.do === 'open') opened.add(step.profile);
    if (step.do === 'close') closed.add(step.profile);
    if (step.id !== undefined && !ids.has(step.id)) ids.set(step.id, index);
  });
});

export type Scenario = z.infer<typeof scenarioSchema>;

/** Whether a step leaves a profile open whose Channel ID the runner records for later references. */
export function observesIdentity(step: Step): step is Step & { profile: string } {
  return step.do !== 'close' && 'profile' in step && step.profile !== undefined;
}

/** A validated scenario and where it came from (a file path, or "builtin:<name>"). */
export interface LoadedScenario {
  source: string;
  scenario: Scenario;
}

/** `steps[3].expect.channelId` from an issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(the scenario)';
}

/**
 * Validates a parsed file (JSON or YAML value). A bad scenario is refused whole: the error lists
 * every bad field with its path, e.g. `steps[3].expect.channelId: channelId must be "same", …`.
 */
export function parseScenario(value: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} is not a valid scenario:\n  ${lines.join('\n  ')}`, {
    expected: 'a scenario as described in docs/scenarios.md',
    field: formatPath(result.error.issues[0]?.path ?? []),
  });
}

/** How a step reads in progress and reports: e.g. "restart B", after the step's title if it has one. */
export function describeStep(step: Step): string {
  const action = describeAction(step);
  return step.title ? `${step.title} (${action})` : action;
}

function describeAction(step: Step): string {
  switch (step.do) {
    case 'open':
      return `open ${step.profile} (${step.kind}${step.url ? `, ${step.url}` : ''}${step.externalUserId ? `, externalUserId ${step.externalUserId}` : ''}${step.metadata ? ', metadata' : ''})`;
    case 'goto':
      return `go to ${step.url} in ${step.profile}`;
    case 'click':
      return `click ${step.selector} in ${step.profile}`;
    case 'fill':
      // A password typed into a report stays out of it; the file has it for whoever needs it.
      return `fill ${step.selector} with ${/pass|secret|token/i.test(step.selector) ? '••••••' : JSON.stringify(step.value)} in ${step.profile}`;
    case 'press':
      return `press ${step.key}${step.selector ? ` on ${step.selector}` : ''} in ${step.profile}`;
    case 'waitFor':
      return `wait for ${step.selector ?? `text ${JSON.stringify(step.text)}`} in ${step.profile}`;
    case 'send':
      return `send ${JSON.stringify(step.text)} from ${step.profile}`;
    case 'webhook':
      return `webhook → ${step.profile ?? step.responsePath}${step.signed === false ? ' (unsigned)' : ''}`;
    case 'restart':
      return `restart ${step.profile}${step.identity === undefined || step.identity === 'same' ? '' : step.identity === 'new' ? ' with a new ID' : ` with ID ${step.identity.typed}`}`;
    case 'login':
      return `log ${step.profile} in as ${step.externalUserId}${step.signed === false ? ' (unsigned)' : ''}`;
    case 'logout':
      return `log ${step.profile} out`;
    case 'waitForMessage':
      return `wait for ${step.text !== undefined ? JSON.stringify(step.text) : step.contains !== undefined ? `a message containing ${JSON.stringify(step.contains)}` : 'a message'}${step.source ? ` from ${step.source}` : ''} in ${step.profile}`;
    default:
      return `${step.do} ${step.profile}`;
  }
}
