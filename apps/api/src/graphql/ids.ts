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
    if (decoded.typename === typename && OBJECT_ID.test(decoded.id)) return decoded.id;
  } catch {
    // falls through to the validation error
  }
  throw ValidationError.field(path, 'invalidInput');
}

/**
 * Every object Clave stores is named by a UUID. A global id around anything else names nothing —
 * and must not reach PostgreSQL, which rejects a malformed value in a uuid comparison (an
 * unexpected error instead of "not found").
 */
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UUID no object has: what a malformed id is looked up as, so it answers like a missing one. */
const NO_OBJECT = '00000000-0000-0000-0000-000000000000';

/** The relay plugin's decoder (node, nodes, globalID args): malformed ids name no object. */
export function decodeGlobalIdSafely(globalId: string): { typename: string; id: string } {
  const decoded = decodeGlobalID(globalId);
  return OBJECT_ID.test(decoded.id) ? decoded : { typename: decoded.typename, id: NO_OBJECT };
}
