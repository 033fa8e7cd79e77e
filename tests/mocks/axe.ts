import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, read once. Injected with evaluate(): the workbench's CSP refuses inline <script>. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * Runs axe-core over the whole page (open shadow roots included) and returns the critical and
 * serious violations: the ones the accessibility pass fails on.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({
        id: v.id,
        impact: v.impact!,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ') })),
      }));
  });
}

/** One line per violation and one per element, for a failure message a reader can act on. */
export function describeViolations(where: string, findings: readonly AxeFinding[]): string {
  return findings
    .map((f) =>
      [`${where}: ${f.impact} ${f.id} (${f.help}), ${f.nodes.length} element(s)`, ...f.nodes.map((n) => `    ${n.target} — ${n.summary}`)].join('\n'),
    )
    .join('\n');
}
