import { nanoid } from 'nanoid';
import { BotbenchError } from '../errors.ts';
import type { InteractionLog, LogInput } from '../interaction-log.ts';
import type { Flow, FlowRunStatus, FlowStepResult, User, WebhookResult } from '../model.ts';
import type { FlowAction } from './schema.ts';
import { MAX_TEXT } from '../../common/widget-frames.ts';
import { renderTemplate, renderUrlTemplate } from './templates.ts';

/** What a run may do to the world; the platform provides it. */
export interface FlowEffects {
  /**
   * Resolves once the message is committed (and sent to any widget online). `runEntry`, when
   * given (the send ends the run), is the run's log entry: a send that calls it writes the entry
   * in the message's own commit, so the run is one write; one that does not leaves it to the runner.
   */
  send(
    to: string,
    text: string,
    source: 'bot' | 'webhook',
    detail: Record<string, unknown>,
    runEntry?: (result: WebhookResult) => LogInput,
  ): WebhookResult | Promise<WebhookResult>;
  setAttribute(responsePath: string, name: string, value: string): void;
  log: InteractionLog;
  /** Runs a write in the platform's group commit, resolving after its COMMIT; without it, writes commit at once. */
  commit?: <T>(work: () => T) => Promise<T>;
  /** fetch, injectable for tests. */
  fetch: typeof fetch;
  /** Largest HTTP task response body read, in bytes (default DEFAULT_MAX_RESPONSE_BYTES); a longer one fails the step. */
  maxResponseBytes?: number;
}

/** What an HTTP task reads of a response by default: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** How much of a response body a log entry keeps; later actions still get the whole (capped) body. */
export const LOGGED_BODY_CHARS = 16 * 1024;

export interface TriggerInfo {
  type: 'message' | 'conversation' | 'webhook';
  botId: string;
  text?: string | undefined;
  responsePath?: string | undefined;
  channelId?: string | undefined;
}

export interface RunInput {
  flow: Flow;
  trigger: TriggerInfo;
  metadata: Record<string, unknown>;
  user: User | null;
  webhook: { body: Record<string, unknown>; query: Record<string, unknown>; headers: Record<string, unknown> } | null;
}

export interface RunOutcome {
  runId: string;
  flowId: string;
  status: FlowRunStatus;
  steps: FlowStepResult[];
  /** The last message a send action produced, for a webhook's answer. */
  lastSend: WebhookResult | null;
  error: Error | null;
  /** Settles when a run paused by a delay finishes; the outcome itself when it already has. */
  finished: Promise<RunOutcome>;
}

/** A run's progress, shared by its steps. */
interface RunState {
  runId: string;
  steps: FlowStepResult[];
  lastSend: WebhookResult | null;
  /** When the current step started (performance.now()). */
  stepStarted: number;
  /** The run's entry was written with its last send's message. */
  logged: boolean;
}

interface Context {
  trigger: TriggerInfo;
  metadata: Record<string, unknown>;
  user: Record<string, unknown>;
  webhook: Record<string, unknown>;
  steps: Record<string, unknown>;
}

/** Runs flows: renders templates, performs actions in order, and logs one interaction per run. */
export class FlowRunner {
  readonly #effects: FlowEffects;
  readonly #timers = new Set<NodeJS.Timeout>();
  #disposed = false;

  constructor(effects: FlowEffects) {
    this.#effects = effects;
  }

  /** Runs until done, or until a delay: then answers In Progress and carries on in the background. */
  run(input: RunInput): Promise<RunOutcome> {
    const context: Context = {
      trigger: input.trigger,
      metadata: input.metadata,
      user: input.user ? { ...input.user, attributes: { ...input.user.attributes } } : {},
      webhook: input.webhook ?? {},
      steps: {},
    };
    const state: RunState = { runId: nanoid(12), steps: [], lastSend: null, stepStarted: 0, logged: false };
    // Answers with the first of: the run pausing on a delay, or the run finishing (a second resolve is a no-op).
    return new Promise((answer) => void this.#execute(input, context, state, answer).then(answer));
  }

  /** Cancels runs waiting on a delay (the platform is stopping). */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #execute(input: RunInput, context: Context, state: RunState, onPause: (outcome: RunOutcome) => void): Promise<RunOutcome> {
    const { flow } = input;
    let status: FlowRunStatus = 'success';
    let error: Error | null = null;
    let resolveFinished!: (o: RunOutcome) => void;
    const finishedPromise = new Promise<RunOutcome>((resolve) => (resolveFinished = resolve));
    const outcome = (): RunOutcome => ({
      runId: state.runId,
      flowId: flow.id,
      status,
      steps: [...state.steps],
      lastSend: state.lastSend,
      error,
      finished: finishedPromise,
    });

    for (const [index, action] of flow.actions.entries()) {
      const started = performance.now();
      state.stepStarted = started;
      const step: FlowStepResult = { index, type: action.type, status: 'success', ms: 0 };
      state.steps.push(step);
      try {
        if (action.type === 'delay') {
          step.status = 'in_progress';
          if (index < flow.actions.length - 1) {
            status = 'in_progress';
            await this.#log(input, state.runId, 'in_progress', state.steps, null);
            onPause(outcome());
          }
          await this.#sleep(action.ms);
          if (this.#disposed) throw new Error('the platform stopped during the delay');
          step.status = 'success';
          status = 'success';
        } else {
          const result = await this.#perform(action, index, input, context, state);
          if (result === 'filtered') {
            step.status = 'filtered';
            status = 'filtered';
            for (const [rest] of flow.actions.entries())
              if (rest > index) state.steps.push({ index: rest, type: flow.actions[rest]!.type, status: 'skipped', ms: 0 });
            break;
          }
          if (result !== undefined) step.output = result;
        }
      } catch (caught) {
        error = caught instanceof Error ? caught : new Error(String(caught));
        step.status = 'failed';
        step.error = error.message;
        if ('output' in error) step.output = error.output;
        status = 'failed';
        for (const [rest] of flow.actions.entries())
          if (rest > index) state.steps.push({ index: rest, type: flow.actions[rest]!.type, status: 'skipped', ms: 0 });
        break;
      } finally {
        step.ms = Math.round((performance.now() - started) * 10) / 10;
      }
    }
    // The run's answer (a webhook's 2xx) follows the commit of its log entry too (already done when its last send wrote it).
    if (!state.logged) await this.#log(input, state.runId, status, state.steps, error, state.lastSend?.responsePath);
    const final = outcome();
    resolveFinished(final);
    return final;
  }

  async #perform(action: FlowAction, index: number, input: RunInput, context: Context, state: RunState): Promise<unknown | 'filtered'> {
    const field = `actions[${index}]`;
    const render = (template: string, name: string): Promise<string> => renderTemplate(template, context, `${field}.${name}`);
    switch (action.type) {
      case 'send': {
        const to = action.to === undefined ? (input.trigger.responsePath ?? '') : (await render(action.to, 'to')).trim();
        if (to === '') {
          throw new BotbenchError('BOTBENCH_ERR_RESPONSE_PATH', `${field}.to rendered empty: say which response path to send to.`, {
            expected: 'a response path "{Bot ID}/c/{Channel ID}", e.g. {{webhook.body.response_path}}',
            field: `${field}.to`,
          });
        }
        const text = (await render(action.text, 'text')).trim();
        if (text.length > MAX_TEXT) {
          throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${field}.text rendered ${text.length} characters; a message has at most ${MAX_TEXT}.`, {
            expected: `a message of at most ${MAX_TEXT} characters`,
            field: `${field}.text`,
          });
        }
        if (text === '') {
          throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${field}.text rendered empty: there is nothing to send.`, {
            expected: 'a non-empty message',
            field: `${field}.text`,
          });
        }
        // The run's last action: its Success entry can ride in the message's commit (a failed send rolls both back).
        let logged = false;
        const runEntry =
          index === input.flow.actions.length - 1
            ? (sent: WebhookResult): LogInput => {
                logged = true;
                const step = state.steps[index]!;
                step.output = sent;
                step.ms = Math.round((performance.now() - state.stepStarted) * 10) / 10;
                return this.#entry(input, state.runId, 'success', state.steps, null, sent.responsePath);
              }
            : undefined;
        const result = await this.#effects.send(to, text, input.trigger.type === 'webhook' ? 'webhook' : 'bot', { flowId: input.flow.id }, runEntry);
        state.lastSend = result;
        state.logged = logged;
        return result;
      }
      case 'set_attribute': {
        const path = input.trigger.responsePath;
        if (!path) throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}: set_attribute needs a user, and a webhook trigger has none.`, { field });
        const value = await render(action.value, 'value');
        this.#effects.setAttribute(path, action.name, value);
        context.user.attributes = { ...(context.user.attributes as object), [action.name]: value };
        return { [action.name]: value };
      }
      case 'http': {
        const url = (await renderUrlTemplate(action.url, context, `${field}.url`)).trim();
        if (!/^https?:\/\//i.test(url)) {
          throw new BotbenchError('BOTBENCH_ERR_FLOW', `${field}.url must be an http(s) URL; it rendered ${JSON.stringify(url.slice(0, 200))}.`, {
            expected: 'an http(s) URL; values printed into it are URL-encoded, so a whole base URL from a variable needs "{{ base | raw }}"',
            field: `${field}.url`,
          });
        }
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(action.headers ?? {})) headers[key] = await render(value, `headers.${key}`);
        const body = action.body === undefined || action.method === 'GET' ? undefined : await render(action.body, 'body');
        let response: Response;
        try {
          response = await this.#effects.fetch(url, {
            method: action.method,
            headers,
            body,
            signal: AbortSignal.timeout(action.timeoutMs),
            redirect: 'manual',
          });
        } catch (caught) {
          const reason = (caught as Error).name === 'TimeoutError' ? `timed out after ${action.timeoutMs} ms` : describeFetchError(caught);
          throw new Error(`HTTP ${action.method} ${url} failed: ${reason}`, { cause: caught });
        }
        const max = this.#effects.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
        const read = await readCapped(response, max);
        const text = new TextDecoder().decode(read.bytes);
        const headersOut = Object.fromEntries(response.headers);
        if (read.truncated) {
          // Stop at the cap: a huge answer must cost neither memory nor disk. The log keeps its first part.
          const step = {
            status: response.status,
            headers: headersOut,
            body: text.slice(0, LOGGED_BODY_CHARS),
            truncated: true,
            bytesRead: read.bytes.byteLength,
          };
          context.steps[`step${index}`] = step;
          throw Object.assign(
            new Error(
              `HTTP ${action.method} ${url} answered more than ${max} bytes; Botbench stopped reading there (the limit is flowHttpMaxResponseBytes)`,
            ),
            { output: step },
          );
        }
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: later actions get the text.
        }
        const output = { status: response.status, headers: headersOut, body: parsed };
        if (action.saveAs) context.steps[action.saveAs] = output;
        context.steps[`step${index}`] = output;
        if (response.status >= 400) throw new Error(`HTTP ${action.method} ${url} answered ${response.status}: ${text.slice(0, 200)}`);
        // The log keeps a bounded copy; later actions got the whole body above.
        return text.length > LOGGED_BODY_CHARS ? { ...output, body: text.slice(0, LOGGED_BODY_CHARS), truncated: true } : output;
      }
      case 'condition': {
        const left = await render(action.left, 'left');
        const right = action.right === undefined ? '' : await render(action.right, 'right');
        return holds(action.op, left, right) ? { holds: true, left, right } : 'filtered';
      }
      case 'delay':
        return undefined;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  /** One entry per run; a webhook run is filed under the response path it sent to. */
  async #log(input: RunInput, runId: string, status: FlowRunStatus, steps: FlowStepResult[], error: Error | null, sentTo?: string): Promise<void> {
    if (this.#disposed && status !== 'failed') return;
    const commit = this.#effects.commit ?? (<T>(work: () => T) => Promise.resolve(work()));
    try {
      await commit(() => this.#effects.log.append(this.#entry(input, runId, status, steps, error, sentTo)));
    } catch {
      // The database is closed (platform stopping): nothing left to record into.
    }
  }

  /** A run's log entry, with Flow XO's status. */
  #entry(input: RunInput, runId: string, status: FlowRunStatus, steps: FlowStepResult[], error: Error | null, sentTo?: string): LogInput {
    const label = { success: 'Success', filtered: 'Filtered', failed: 'Failed', in_progress: 'In Progress' }[status];
    const failedStep = steps.find((s) => s.status === 'failed');
    return {
      botId: input.flow.botId,
      responsePath: input.trigger.responsePath ?? sentTo ?? null,
      kind: 'flow',
      status,
      summary: `Flow "${input.flow.name}": ${label}${failedStep ? ` at action ${failedStep.index + 1} (${failedStep.type}): ${error?.message ?? ''}` : ''}`,
      detail: {
        runId,
        flowId: input.flow.id,
        flowName: input.flow.name,
        trigger: input.trigger,
        steps,
        ...(error ? { error: error.message } : {}),
      },
    };
  }
}

function holds(op: Extract<FlowAction, { type: 'condition' }>['op'], left: string, right: string): boolean {
  switch (op) {
    case 'equals':
      return left === right;
    case 'not_equals':
      return left !== right;
    case 'contains':
      return left.includes(right);
    case 'not_contains':
      return !left.includes(right);
    case 'matches':
      try {
        return new RegExp(right, 'i').test(left);
      } catch {
        throw new Error(`condition: ${JSON.stringify(right)} is not a valid regular expression`);
      }
    case 'exists':
      return left.trim() !== '';
    case 'not_exists':
      return left.trim() === '';
  }
}

/**
 * Reads a response body up to `max` bytes and cancels the rest, so neither the body nor the
 * log can grow with what a server sends.
 */
async function readCapped(response: Response, max: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      size = max;
      await reader.cancel().catch(() => undefined);
      return { bytes: concat(chunks, size), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { bytes: concat(chunks, size), truncated: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is in its cause. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message) return cause.message;
  return (error as Error).message ?? 'unknown error';
}
