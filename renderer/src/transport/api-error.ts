import type { ApiErrorPayload } from '../../../main/api/contract.ts';

/** A failed call, whatever the transport: the platform's stable code and its message. */
export class ApiError extends Error implements ApiErrorPayload {
  readonly code: string;
  readonly expected: string | undefined;
  readonly field: string | undefined;

  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.code = payload.code;
    this.expected = payload.expected;
    this.field = payload.field;
  }
}

/** Codes the renderer itself reports (the platform's are in main/platform/errors.ts). */
export const CLIENT_ERROR = {
  disconnected: 'BOTBENCH_ERR_DISCONNECTED',
  unknown: 'BOTBENCH_ERR_UNKNOWN',
} as const;

const CODE_IN_TEXT = /\b(BOTBENCH_ERR_[A-Z_]+)\b[:\s]*/;

/**
 * Makes an ApiError of whatever a call rejected with: an ApiError, an error payload, or an Error
 * whose message carries the code (Electron's invoke wraps remote errors in text).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const record = error as Partial<ApiErrorPayload>;
    if (typeof record.code === 'string' && record.code.startsWith('BOTBENCH_ERR_') && typeof record.message === 'string') {
      return new ApiError({ code: record.code, message: record.message, expected: record.expected, field: record.field });
    }
  }
  const text = error instanceof Error ? error.message : String(error);
  const stripped = text.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '');
  const match = CODE_IN_TEXT.exec(stripped);
  if (match?.[1]) return new ApiError({ code: match[1], message: stripped.replace(CODE_IN_TEXT, '').trim() || stripped });
  return new ApiError({ code: CLIENT_ERROR.unknown, message: stripped });
}
