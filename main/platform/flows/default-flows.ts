import type { FlowDefinitionInput } from './schema.ts';

/**
 * The flows every new bot starts with, editable like any other: the identity echo (each reply
 * shows who the platform thinks the visitor is) and the webhook that sends `text` to
 * `response_path` (the bot's webhook URL).
 */
export const IDENTITY_ECHO: FlowDefinitionInput = {
  name: 'Identity echo',
  trigger: { type: 'message', match: { type: 'any' } },
  actions: [
    {
      type: 'send',
      text: 'You said "{{trigger.text}}". Your response path is {{trigger.responsePath}} ({{user.kind}}). Metadata: {% if metadata == empty %}none{% else %}{{metadata | json}}{% endif %}',
    },
  ],
};

export const DELIVER_WEBHOOK: FlowDefinitionInput = {
  name: 'Deliver webhook text',
  trigger: { type: 'webhook', required: ['response_path', 'text'] },
  actions: [{ type: 'send', to: '{{webhook.body.response_path}}', text: '{{webhook.body.text}}' }],
};
