import type { FlowTrigger } from './schema.ts';

/** Whether a message trigger fires for this text: any; a keyword the text equals or starts with (case-insensitive); or a regex. */
export function messageMatches(trigger: Extract<FlowTrigger, { type: 'message' }>, text: string): boolean {
  const match = trigger.match;
  switch (match.type) {
    case 'any':
      return true;
    case 'keyword': {
      const lower = text.trim().toLowerCase();
      return match.keywords.some((keyword) => {
        const k = keyword.toLowerCase();
        return lower === k || lower.startsWith(`${k} `);
      });
    }
    case 'regex':
      return new RegExp(match.pattern, 'i').test(text);
  }
}
