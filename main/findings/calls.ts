/**
 * Reading recorded calls: which externalUserId and metadata a call gave the widget, whatever the
 * API (legacy setConfig/identify/logout, current identify/logout/onFlowXOInit), and how to quote
 * a value or a moment in evidence.
 */
import { isMarker, type MessengerCall } from '../common/messenger-calls.ts';
import type { Finding, FindingCode, PageLoad } from './types.ts';
import { FINDING_CATALOG } from './catalog.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isMarker(value);

/** An identity a page call set: `externalUserId` is the copied value as passed (null: logged out / anonymous). */
export interface IdentitySet {
  call: MessengerCall;
  externalUserId: unknown;
  /** Which API member carried it, for evidence: "setConfig({ externalUserId })", "FlowXO.identify({ id })", … */
  via: string;
}

/** The externalUserId a page call sets, if it sets one. */
export function identitySet(call: MessengerCall): IdentitySet | null {
  // A call that threw still shows what the page tried to set.
  if (call.by !== 'page') return null;
  const [first] = call.args;
  if (call.api === 'legacy') {
    if (call.method === 'setConfig' && isObject(first) && 'externalUserId' in first)
      return { call, externalUserId: first.externalUserId, via: 'FxoMessenger.setConfig({ externalUserId })' };
    if (call.method === 'identify') return { call, externalUserId: first, via: 'FxoMessenger.identify(id)' };
    if (call.method === 'logout') return { call, externalUserId: null, via: 'FxoMessenger.logout()' };
    return null;
  }
  if (call.method === 'identify' && isObject(first)) return { call, externalUserId: first.id, via: 'FlowXO.identify({ id })' };
  if (call.method === 'logout') return { call, externalUserId: null, via: 'FlowXO.logout()' };
  if (call.method === 'onFlowXOInit' && isObject(call.result) && isObject(call.result.member))
    return { call, externalUserId: call.result.member.id, via: 'onFlowXOInit → { member: { id } }' };
  return null;
}

/** A metadata object a page call passed, with where it sat. */
export interface MetadataPassed {
  call: MessengerCall;
  value: unknown;
  via: string;
}

export function metadataPassed(call: MessengerCall): MetadataPassed[] {
  if (call.by !== 'page') return [];
  const [first, second] = call.args;
  const out: MetadataPassed[] = [];
  const add = (value: unknown, via: string): void => {
    if (value !== undefined && value !== null && !(isMarker(value) && '$type' in value)) out.push({ call, value, via });
  };
  if (call.api === 'legacy') {
    if (call.method === 'setConfig' && isObject(first)) add(first.metadata, 'FxoMessenger.setConfig({ metadata })');
    if (call.method === 'sendMessage') add(second, 'FxoMessenger.sendMessage(text, metadata)');
  } else {
    if (call.method === 'identify' && isObject(first)) add(first.metadata, 'FlowXO.identify({ metadata })');
    if (call.method === 'onFlowXOInit' && isObject(call.result)) {
      add(call.result.metadata, 'onFlowXOInit → { metadata }');
      if (isObject(call.result.member)) add(call.result.member.metadata, 'onFlowXOInit → { member: { metadata } }');
    }
  }
  return out;
}

/** The platform's welcomes of a load: who the widget connected as. */
export interface Welcome {
  call: MessengerCall;
  botId: string | null;
  channelId: string;
  responsePath: string | null;
  kind: 'anonymous' | 'external' | null;
}

export function welcomes(load: PageLoad): Welcome[] {
  const out: Welcome[] = [];
  for (const call of load.calls) {
    if (call.by !== 'platform' || call.method !== 'welcome' || !isObject(call.args[0])) continue;
    const { botId, channelId, responsePath, kind } = call.args[0];
    if (typeof channelId !== 'string') continue;
    out.push({
      call,
      channelId,
      botId: typeof botId === 'string' ? botId : null,
      responsePath: typeof responsePath === 'string' ? responsePath : null,
      kind: kind === 'anonymous' || kind === 'external' ? kind : null,
    });
  }
  return out;
}

/** A value as evidence shows it: strings quoted, markers said in words, long ones cut. */
export function quote(value: unknown): string {
  if (isMarker(value)) {
    if ('$type' in value) return 'undefined';
    if ('$unserialisable' in value) return `a ${value.$unserialisable}${value.value ? ` (${value.value})` : ''}`;
    if (value.$truncated === 'string') return `${JSON.stringify(`${value.text.slice(0, 60)}…`)} (${value.length} characters)`;
    return 'a value too large to record';
  }
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

/** "at 1.2 s (widget connecting)": when a call happened in the page's life. */
export function when(call: MessengerCall): string {
  return `at ${(call.at / 1000).toFixed(1)} s, widget ${call.widgetState}`;
}

/** A finding with the catalog's severity and fix unless the rule says better. */
export function finding(
  code: Exclude<FindingCode, 'CSP_BLOCKS_FLOWXO_SCRIPT' | 'CSP_BLOCKS_FLOWXO_SOCKET'>,
  load: PageLoad,
  title: string,
  evidence: string[],
  extra: Partial<Pick<Finding, 'fix' | 'link' | 'severity'>> = {},
): Finding {
  const entry = FINDING_CATALOG[code];
  return {
    code,
    severity: extra.severity ?? entry.severity,
    title,
    evidence,
    fix: extra.fix ?? entry.fix,
    url: load.url,
    profileId: load.profileId,
    ...(extra.link ? { link: extra.link } : {}),
  };
}
