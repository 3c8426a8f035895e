import { entityName, isMessageKey, type Locale, type MessageKey, translate } from '@clave/domain';
import { OptimisticLockError } from '@mikro-orm/core';
import { type ZodError, z } from 'zod';

/**
 * Expected failures. Services throw them; the GraphQL layer turns them into typed results, and
 * renders their message in the caller's language (so services never need to know the locale).
 */
export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(translate(messageKey, 'en', params));
  }

  localizedMessage(locale: Locale): string {
    const { entity } = this.params;
    const params =
      typeof entity === 'string' ? { ...this.params, entity: entityName(entity, locale) } : this.params;
    return translate(this.messageKey, locale, params);
  }
}

export interface FieldIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The zod issue, kept to re-render its message in another language. */
  readonly raw?: z.core.$ZodIssue;
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION';
  constructor(readonly issues: readonly FieldIssue[]) {
    super('invalidInput');
  }

  static fromZod(error: ZodError, pathPrefix: readonly string[] = []): ValidationError {
    return new ValidationError(
      error.issues.map((issue) => ({
        path: [...pathPrefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: issue.message,
        raw: issue,
      })),
    );
  }

  /** One issue on one field, with a message from the domain's catalog. */
  static field(path: readonly (string | number)[], key: MessageKey): ValidationError {
    return new ValidationError([{ path, message: key }]);
  }
}

const zodLocales = { en: z.locales.en(), es: z.locales.es() } as const;

/** An issue's message in `locale`: our catalog's keys are translated, zod's own re-rendered. */
export function localizeIssue(issue: FieldIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(issue.message, locale);
  if (issue.raw) {
    const rendered = zodLocales[locale].localeError?.(issue.raw as never);
    if (typeof rendered === 'string') return rendered;
    if (rendered && typeof rendered === 'object' && 'message' in rendered) return String(rendered.message);
  }
  return issue.message;
}

export class InvalidCredentialsError extends AppError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    super('invalidCredentials');
  }
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfterSeconds: number) {
    super('loginRateLimited', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** Also what a caller gets for something that exists but that they may not see. */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(readonly entity: string) {
    super('notFound', { entity });
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  constructor() {
    super('forbidden');
  }
}

/** Parses `input` with a domain schema or throws a ValidationError naming every bad field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}

/**
 * An optimistic-concurrency conflict: the caller's `expectedVersion` is stale. Carries the
 * current state so the client can show both versions and let the user choose.
 */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  constructor(
    readonly entity: string,
    /** The object as it is now (an entity exposed as a GraphQL Node). */
    readonly current: object,
    readonly currentVersion: number,
  ) {
    super('conflict', { entity });
  }
}

/**
 * Runs a write; losing a race at flush (another writer committed between our version check and our
 * write: an OptimisticLockError, or what `isRace` also counts) is a ConflictError like a stale
 * `expectedVersion`, carrying the object as `current` reads it now. `current` should read from a
 * fresh fork, so nothing the failed write half-loaded leaks into the answer. Gone meanwhile:
 * NotFoundError.
 */
export async function conflictOnRace<T>(
  entity: string,
  current: () => Promise<{ version: number } | null>,
  work: () => Promise<T>,
  isRace: (error: unknown) => boolean = (error) => error instanceof OptimisticLockError,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isRace(error)) throw error;
    const now = await current();
    if (!now) throw new NotFoundError(entity);
    throw new ConflictError(entity, now, now.version);
  }
}

/** Throws a ConflictError unless `expected` is the object's current version. */
export function assertVersion(entity: string, current: { version: number }, expected: number): void {
  if (current.version !== expected) throw new ConflictError(entity, current, current.version);
}
