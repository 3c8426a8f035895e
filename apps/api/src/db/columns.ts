import { p } from '@mikro-orm/core';

/** When a row was created and last changed; set by the ORM, never by callers. */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});
