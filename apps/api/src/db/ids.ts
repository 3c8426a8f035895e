import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7) keep B-tree inserts local; clients may also bring their own UUIDs. */
export const newId = (): string => v7();
