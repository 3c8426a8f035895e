import type { Locale } from '@clave/domain';
import { GraphQLError } from 'graphql';
import {
  AppError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  InvalidCredentialsError,
  localizeIssue,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../errors.js';
import { builder } from './builder.js';

/** Every expected failure implements Error, so clients can always ask `... on Error { code message }`. */
export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: 'An expected failure: a stable code for programs and a message in the caller language.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable machine-readable code, e.g. VALIDATION.' }),
    message: t.string({
      description: 'Human-readable message in the language of the Accept-Language header (es or en).',
      resolve: (error, _args, ctx) => error.localizedMessage(ctx.locale),
    }),
  }),
});

const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    path: t.stringList({
      description: 'Path to the field in the input, e.g. ["input", "name"] or ["supporterIds", "2"].',
      resolve: (issue) => issue.path.map(String),
    }),
    message: t.string({
      description: 'What is wrong, in the caller language.',
      resolve: (issue, _args, ctx) => localizeIssue(issue, ctx.locale),
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was refused; nothing was changed. `issues` names every bad field.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      description: 'Every problem found, one per field.',
      resolve: (error) => [...error.issues],
    }),
  }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email or the password is wrong (deliberately not saying which).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
  fields: () => ({}),
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Too many attempts; try again after `retryAfterSeconds`.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RateLimitedError,
  fields: (t) => ({
    retryAfterSeconds: t.exposeInt('retryAfterSeconds', {
      description: 'Seconds to wait before trying again.',
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist, or the caller may not see it (the two are indistinguishable).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The caller may see the object but not make this change.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: () => ({}),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description:
    'Someone changed the object since the caller read it (stale `expectedVersion`); nothing was ' +
    'changed. `current` is the object as it is now, to show both versions and let the user choose.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', { description: 'The version to send to overwrite.' }),
    current: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object as it is now.',
      resolve: (error) => error.current as never,
    }),
  }),
});

/** The failures every mutation on an existing object can return. */
export const WRITE_ERRORS = [ValidationError, NotFoundError, ForbiddenError];

/**
 * For query fields, whose results are not unions: an expected failure becomes a GraphQL error
 * with its code and a message in the caller language, instead of a masked "unexpected error".
 */
export async function orGraphQLError<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues =
      error instanceof ValidationError
        ? error.issues.map((issue) => ({
            path: issue.path.map(String),
            message: localizeIssue(issue, locale),
          }))
        : undefined;
    throw new GraphQLError(error.localizedMessage(locale), { extensions: { code: error.code, issues } });
  }
}
