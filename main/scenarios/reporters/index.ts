import type { RunSummary } from '../types.ts';
import { renderHtml } from './html.ts';
import { renderJson, type JsonReport } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderList } from './list.ts';
import { renderMarkdown } from './markdown.ts';

export interface Reporter {
  /** The file a report gets when --out names a directory. */
  fileName: string;
  render(summary: RunSummary, context?: ReportContext): string;
}

/** What a report may say beyond the summary: which shard of a split run made it. */
export interface ReportContext {
  shard?: JsonReport['shard'];
}

/** Every reporter by name. `list` also prints progress while the run goes (createListProgress). */
export const REPORTERS = {
  list: { fileName: 'scenarios.txt', render: renderList },
  junit: { fileName: 'scenarios.junit.xml', render: renderJunit },
  markdown: { fileName: 'scenarios.md', render: renderMarkdown },
  html: { fileName: 'scenarios.html', render: renderHtml },
  json: { fileName: 'scenarios.json', render: (summary: RunSummary, context?: ReportContext) => renderJson(summary, context?.shard ?? null) },
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;
export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}
