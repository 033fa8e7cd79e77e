import { RESPONSE_PATH_EXPECTED, tryParseResponsePath, type ResponsePath } from '../common/response-path.ts';
import { BotbenchError } from './errors.ts';

export { formatResponsePath, RESPONSE_PATH_EXPECTED, tryParseResponsePath, type ResponsePath } from '../common/response-path.ts';

/** Parses a response path (main/common/response-path.ts), refusing a bad one with BOTBENCH_ERR_RESPONSE_PATH. */
export function parseResponsePath(value: unknown, field = 'response_path'): ResponsePath {
  const result = tryParseResponsePath(value);
  if (result.ok) return result.value;
  throw new BotbenchError('BOTBENCH_ERR_RESPONSE_PATH', `${field} must be ${RESPONSE_PATH_EXPECTED}; ${result.reason}.`, {
    expected: RESPONSE_PATH_EXPECTED,
    field,
  });
}
