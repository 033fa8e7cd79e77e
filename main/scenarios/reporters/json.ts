import { z } from 'zod';
import { BotbenchError } from '../../platform/errors.ts';
import type { RunSummary } from '../types.ts';

/** What a JSON report file says it is, so `merge` can refuse anything else with a clear message. */
export const JSON_REPORT_FORMAT = 'botbench-scenario-report';
export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  format: typeof JSON_REPORT_FORMAT;
  version: typeof JSON_REPORT_VERSION;
  /** Which part of a sharded run made it (null: the whole suite). */
  shard: { current: number; total: number } | null;
  summary: RunSummary;
}

/** The whole run as data: every step, expectation and timeline, for `merge` and other tools. */
export function renderJson(summary: RunSummary, shard: JsonReport['shard'] = null): string {
  const report: JsonReport = { format: JSON_REPORT_FORMAT, version: JSON_REPORT_VERSION, shard, summary };
  return `${JSON.stringify(report, null, 2)}\n`;
}

// The envelope and the summary's top level are checked; scenario results are our own output, read back as they were written.
const reportSchema = z.object({
  format: z.literal(JSON_REPORT_FORMAT),
  version: z.literal(JSON_REPORT_VERSION),
  shard: z.object({ current: z.number().int().positive(), total: z.number().int().positive() }).nullable(),
  summary: z.object({
    status: z.enum(['passed', 'failed']),
    startedAt: z.number(),
    durationMs: z.number(),
    concurrency: z.number(),
    scenarios: z.array(
      z.looseObject({ key: z.string(), name: z.string(), status: z.enum(['passed', 'failed', 'skipped']), steps: z.array(z.unknown()) }),
    ),
  }),
});

/** Reads a JSON report written by renderJson; anything else is BOTBENCH_ERR_VALIDATION naming the file. */
export function parseJsonReport(text: string, source: string): JsonReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BotbenchError('BOTBENCH_ERR_VALIDATION', `${source} is not valid JSON: ${(error as Error).message}`, {
      expected: 'a JSON report from npm run scenarios -- --reporter json',
    });
  }
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BotbenchError(
      'BOTBENCH_ERR_VALIDATION',
      `${source} is not a Botbench scenario report (version ${JSON_REPORT_VERSION}): ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}.`,
      { expected: `{"format": "${JSON_REPORT_FORMAT}", "version": ${JSON_REPORT_VERSION}, "shard", "summary"}` },
    );
  }
  return parsed.data as unknown as JsonReport;
}
