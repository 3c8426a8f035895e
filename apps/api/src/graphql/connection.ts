import type { Cursor } from '@mikro-orm/core';
import { z } from 'zod';

/**
 * The `validate` of a connection field: forward pages of 1 to 100; backward pagination is refused.
 * Messages are catalog keys, translated by the builder's `validationError`.
 * Loose: the plugin passes on the parsed value, and the field's other arguments must survive it.
 */
export const MAX_PAGE = 100;
export const forwardPageArgs = z.looseObject({
  first: z
    .number()
    .int()
    .min(1, { message: 'pageTooLarge' })
    .max(MAX_PAGE, { message: 'pageTooLarge' })
    .nullish(),
  last: z.null({ message: 'backwardPaging' }).optional(),
  before: z.null({ message: 'backwardPaging' }).optional(),
});

/** A page read with a MikroORM cursor, as a Relay connection with its totalCount. */
export function toConnection<T extends object>(cursor: Cursor<T>) {
  return {
    edges: cursor.items.map((node) => ({ node, cursor: cursor.from(node) })),
    pageInfo: {
      hasNextPage: cursor.hasNextPage ?? false,
      hasPreviousPage: cursor.hasPrevPage ?? false,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    totalCount: cursor.totalCount,
  };
}
