import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../errors.js';

/**
 * The database id inside a Relay global id of `typename`. A malformed id or one of another type
 * is a validation error on `path`, never a server error.
 */
export function decodeId(
  globalId: string,
  typename: string,
  path: readonly (string | number)[] = ['id'],
): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && decoded.id) return decoded.id;
  } catch {
    // falls through to the validation error
  }
  throw ValidationError.field(path, 'invalidInput');
}
