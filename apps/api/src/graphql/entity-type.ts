import { helper } from '@mikro-orm/core';

/** Whether `value` is a managed entity of `entityName` (Pothos needs this to resolve Node). */
export const isEntity =
  (entityName: string) =>
  (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null) return false;
    try {
      return helper(value).__meta.className === entityName;
    } catch {
      return false;
    }
  };
