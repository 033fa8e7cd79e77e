import { BotbenchError } from '../platform/errors.ts';
import type { ApiErrorPayload } from './contract.ts';

/** The error payload both transports send: a BotbenchError's code and message, or an internal error. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof BotbenchError) return error.toBody().error;
  return { code: 'BOTBENCH_ERR_INTERNAL', message: (error as Error)?.message ?? 'Unexpected error.' };
}
