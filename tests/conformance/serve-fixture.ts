import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startCustomerSite } from '../mocks/customer-site.ts';

/** Flow XO's script hosts, as the published snippets name them; the platform answers in their place. */
export const FLOW_XO_HOSTS = ['https://widget.flowxo.com', 'https://messenger.flowxo.com'] as const;

/** The fixture's text as committed: the published snippet (see the comment at its top). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/**
 * Serves a fixture page from a customer site on loopback, with Flow XO's script hosts pointed at
 * the platform and `{{EMBED_CODE}}` filled in. Nothing else of the published text changes.
 */
export async function serveFixture(name: string, platformUrl: string, embedCode = ''): Promise<{ url: string; close: () => Promise<void> }> {
  let html = fixtureText(name).replaceAll('{{EMBED_CODE}}', embedCode);
  for (const host of FLOW_XO_HOSTS) html = html.replaceAll(host, platformUrl);
  return startCustomerSite(html);
}

export interface PageConsole {
  errors: string[];
  warnings: string[];
  /** console.log calls, each as the JSON values of its arguments. */
  logs: unknown[][];
}

/** What a page printed to its console, by type. */
export function recordConsole(page: Page): PageConsole {
  const output: PageConsole = { errors: [], warnings: [], logs: [] };
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error') output.errors.push(text);
    else if (message.type() === 'warning') output.warnings.push(text);
    else if (message.type() === 'log') {
      void Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg)))).then((values) => output.logs.push(values));
    }
  });
  page.on('pageerror', (error) => output.errors.push(`uncaught: ${error.message}`));
  return output;
}
