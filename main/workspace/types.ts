/**
 * The webhook composer's records (main/api/webhook-composer.ts sends, the workspace keeps the
 * history): types only, re-exported to the workbench UI by the contract.
 */

export interface WebhookRequest {
  botId: string;
  /** The JSON body; `{{responsePath}}`, `{{botId}}`, `{{channelId}}` and `{{now}}` are filled in before sending. */
  body: string;
  responsePath: string;
  headers: Record<string, string>;
  /** Sign it the Standard Webhooks way with the bot's secret (webhook-id, webhook-timestamp, webhook-signature). */
  sign?: boolean | undefined;
}

/** Where a webhook went: the answer, and which profiles saw the message. */
export interface DeliveryTrace {
  status: number;
  answer: unknown;
  /** Profiles whose widget currently shows this response path. */
  profiles: Array<{ id: string; label: string }>;
  outcome: 'delivered' | 'queued' | 'refused';
  reason: string | null;
}

export interface WebhookHistoryEntry {
  id: string;
  at: number;
  request: WebhookRequest;
  /** The body actually sent, after templates. */
  sentBody: string;
  /** Every header sent, signature headers included. */
  sentHeaders: Record<string, string>;
  trace: DeliveryTrace;
  durationMs: number;
}
