import { decodeEmbedCode, EMBED_CODE_EXPECTED } from '../common/embed-code.ts';
import { PRODUCTION_CONNECTION_ID } from '../common/flowxo-scripts.ts';
import { BotbenchError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import type { FlowXOScriptRequest } from './profile-host.ts';

/** A bot an own site's snippet names: by its legacy embed code or its current connection ID. */
export type NamedBot = { embedCode: string } | { connectionId: string };

/**
 * Import on first sight (Platform.importOnFirstSight): the bot a site's snippet names, made with
 * its own ID when the platform does not know it. `from` is the page's URL.
 */
export type SiteImporter = (named: NamedBot, from: string) => SiteImport | Promise<SiteImport>;

export interface SiteImport {
  botId: string;
  connectionId: string;
  imported: boolean;
}

/** A SiteImporter over the platform's own verb. */
export function importWith(platform: Pick<Platform, 'importOnFirstSight'>): SiteImporter {
  return (named, from) => {
    const { bot, imported } = platform.importOnFirstSight(named, from);
    return { botId: bot.botId, connectionId: bot.connectionId, imported };
  };
}

/**
 * The bots the snippets of a page name for the script it asked for, or why its snippet is not
 * Flow XO's (`BOTBENCH_ERR_SITE_SNIPPET`). On the demo page (`own` false) a malformed value is
 * only skipped: the platform's own page is not under test.
 */
export function namedBots(snippets: NonNullable<FlowXOScriptRequest['snippets']>, script: FlowXOScriptRequest['script'], own: boolean): NamedBot[] {
  const problem = (message: string, expected: string): never => {
    throw new BotbenchError('BOTBENCH_ERR_SITE_SNIPPET', message, { expected, field: 'siteUrl' });
  };
  const named: NamedBot[] = [];
  if (script === 'embed') {
    for (const code of snippets.embedCodes) {
      const decoded = decodeEmbedCode(code);
      if (!decoded.ok && own)
        problem(`The page's data-fxo-widget is not a Flow XO embed code: ${decoded.reason}.`, `data-fxo-widget="${EMBED_CODE_EXPECTED}"`);
      if (decoded.ok) named.push({ embedCode: code });
    }
  } else {
    for (const connectionId of snippets.connections) {
      if (!PRODUCTION_CONNECTION_ID.test(connectionId) && own)
        problem(
          `The page's data-connection ${JSON.stringify(connectionId.slice(0, 80))} is not a Flow XO connection ID.`,
          'data-connection="<24 lowercase hex characters>", as Flow XO gives it',
        );
      if (PRODUCTION_CONNECTION_ID.test(connectionId)) named.push({ connectionId });
    }
  }
  return named;
}

/** Imports each named bot the platform does not know yet; returns the notices the profile shows ("Imported bot 645731a0… from …"). */
export async function importNamed(importer: SiteImporter, named: NamedBot[], pageUrl: string): Promise<string[]> {
  const notices: string[] = [];
  for (const one of named) {
    try {
      const result = await importer(one, pageUrl);
      if (!result.imported) continue;
      const origin = new URL(pageUrl).origin;
      const where = origin === 'null' ? pageUrl : origin;
      notices.push(
        'connectionId' in one
          ? `Imported connection ${result.connectionId.slice(0, 8)}… (bot ${result.botId.slice(0, 8)}…) from ${where}`
          : `Imported bot ${result.botId.slice(0, 8)}… from ${where}`,
      );
    } catch (error) {
      // E.g. the first-sight bound: the widget will be refused, and the notice says why.
      notices.push(`Not imported: ${(error as Error).message}`);
    }
  }
  return notices;
}
