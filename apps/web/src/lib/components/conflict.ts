/** One field of a conflicting write: what the user sent and what the server has now. */
export interface ConflictRow {
  field: string;
  mine: unknown;
  theirs: unknown;
}

/**
 * The fields the user's write changes, side by side with the server's current values. The
 * version guard is not a field the user chose, so it is left out.
 */
export function conflictRows(variables: Record<string, unknown>, current: unknown): ConflictRow[] {
  const input = (variables.input ?? variables) as Record<string, unknown>;
  const theirs = (current ?? {}) as Record<string, unknown>;
  return Object.entries(input)
    .filter(([field]) => field !== 'expectedVersion' && field !== 'id')
    .map(([field, mine]) => ({ field, mine, theirs: theirs[field] }));
}
