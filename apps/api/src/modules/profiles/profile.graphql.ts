import type { AccountProfileSection } from '@clave/domain';
import { ConflictError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { orGraphQLError, WRITE_ERRORS } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { UserRef } from '../users/user.graphql.js';
import type { AccountProfileRevision } from './profile.entity.js';
import {
  loadProfiles,
  ProfileView,
  profileHistoryByAccount,
  profilesByAccount,
  updateAccountProfile,
} from './profile.service.js';

const SECTION_DESCRIPTIONS = {
  history: 'How the client came to be and how the relationship with us developed.',
  mission: "The client's mission, in their words or ours.",
  vision: 'Where the client wants to be in some years.',
  strategies: "The client's strategies to get there.",
  objectives: "The client's objectives (theirs, not our plan's).",
  currentNeeds: 'What the client needs today.',
  futureNeeds: 'What the client will need next.',
  fears: 'What worries the people we deal with.',
  threats: 'Threats to the client’s business, and so to ours with them.',
} satisfies Record<AccountProfileSection, string>;

const SectionEnum = builder.enumType('AccountProfileSection', {
  description: 'A free-text section of the account profile.',
  values: Object.fromEntries(
    Object.entries(SECTION_DESCRIPTIONS).map(([key, description]) => [key, { value: key, description }]),
  ) as Record<AccountProfileSection, { value: AccountProfileSection; description: string }>,
});

const RevisionRef = builder.objectRef<AccountProfileRevision>('AccountProfileRevision').implement({
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description: 'One change to one profile section: who changed it, when, and the text before and after.',
  fields: (t) => ({
    section: t.field({
      type: SectionEnum,
      description: 'The section changed.',
      resolve: (r) => r.section as AccountProfileSection,
    }),
    before: t.exposeString('before', { description: 'The section text before the change.' }),
    after: t.exposeString('after', { description: 'The section text after the change.' }),
    version: t.exposeInt('version', { description: 'The profile version the change produced.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When the change was saved.' }),
    author: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who made the change (null for system changes or users the caller may not see).',
      resolve: (r, _args, ctx) => (r.author ? UserRef.getDataloader(ctx).load(r.author.id) : null),
    }),
  }),
});

const historyArgs = {
  first: { description: 'How many changes, newest first (1–100, default 50).' },
  section: { description: 'Only changes to this section.' },
} as const;

async function history(
  ctx: Context,
  accountId: string,
  args: { first?: number | null; section?: AccountProfileSection | null },
): Promise<AccountProfileRevision[]> {
  return orGraphQLError(ctx.locale, async () => {
    const [revisions] = await profileHistoryByAccount(ctx.em, [accountId], args);
    return revisions ?? [];
  });
}

export const AccountProfileRef = builder.loadableNode('AccountProfile', {
  // API tokens need this scope to read this type, on every path (node, nested, lists).
  authScopes: { tokenScope: 'read:accounts' },
  description:
    '"Know the client": free-text sections about the account, versioned. An account nobody has ' +
    'written about yet has an empty profile at version 0.',
  id: { resolve: (profile) => profile.accountId },
  isTypeOf: (value) => value instanceof ProfileView,
  load: (ids: string[], ctx: Context) => loadProfiles(ctx, ids) as Promise<ProfileView[]>,
  fields: (t) => ({
    ...(Object.fromEntries(
      Object.entries(SECTION_DESCRIPTIONS).map(([section, description]) => [
        section,
        t.string({ description, resolve: (p) => p.sections[section as AccountProfileSection] }),
      ]),
    ) as Record<AccountProfileSection, ReturnType<typeof t.string>>),
    // `history` (below) lists the changes, so the history section's text has a name of its own.
    historyText: t.string({
      description: `The history section: ${SECTION_DESCRIPTIONS.history} (\`history\` lists the profile's changes.)`,
      resolve: (p) => p.sections.history,
    }),
    account: t.field({
      type: AccountRef,
      description: 'The account described.',
      resolve: (p, _args, ctx) => AccountRef.getDataloader(ctx).load(p.accountId),
    }),
    version: t.exposeInt('version', {
      description: 'Send it back as `expectedVersion` when updating; 0 before the first edit.',
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the profile last changed (null before the first edit).',
      resolve: (p) => p.updatedAt,
    }),
    updatedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who changed it last (null before the first edit or if the caller may not see them).',
      resolve: (p, _args, ctx) => (p.updatedById ? UserRef.getDataloader(ctx).load(p.updatedById) : null),
    }),
    history: t.field({
      type: [RevisionRef],
      description: 'Who changed which section when, newest first.',
      args: {
        first: t.arg.int(historyArgs.first),
        section: t.arg({ type: SectionEnum, ...historyArgs.section }),
      },
      resolve: (p, args, ctx) => history(ctx, p.accountId, args),
    }),
  }),
});

builder.objectFields(AccountRef, (t) => ({
  profile: t.loadable({
    type: AccountProfileRef,
    description: '"Know the client": the account profile (empty at version 0 until first written).',
    load: (ids: string[], ctx: Context) => profilesByAccount(ctx.em, ids),
    resolve: (account) => account.id,
  }),
  profileHistory: t.field({
    type: [RevisionRef],
    description: 'Who changed which profile section when, newest first.',
    args: {
      first: t.arg.int(historyArgs.first),
      section: t.arg({ type: SectionEnum, ...historyArgs.section }),
    },
    resolve: (account, args, ctx) => history(ctx, account.id, args),
  }),
}));

const UpdateAccountProfileInput = builder.inputType('UpdateAccountProfileInput', {
  description:
    'Only the sections given change; an empty string clears a section. Refused with a ' +
    'ConflictError when someone changed the profile since `expectedVersion`.',
  fields: (t) => ({
    expectedVersion: t.int({
      required: true,
      description: 'The profile version the caller last read (0 for a profile never written).',
    }),
    ...(Object.fromEntries(
      Object.entries(SECTION_DESCRIPTIONS).map(([section, description]) => [
        section,
        t.string({ description: `${description} Up to 20,000 characters.` }),
      ]),
    ) as Record<AccountProfileSection, ReturnType<typeof t.string>>),
  }),
});

builder.mutationField('updateAccountProfile', (t) =>
  t.field({
    type: AccountProfileRef,
    description:
      "Changes sections of the account's profile (its KAMs and their manager). Each changed " +
      'section is recorded in the profile history.',
    authScopes: { signedIn: true },
    args: {
      accountId: t.arg.id({ required: true, description: 'Global id of the account.' }),
      input: t.arg({
        type: UpdateAccountProfileInput,
        required: true,
        description: 'The sections to change.',
      }),
    },
    errors: { types: [...WRITE_ERRORS, ConflictError] },
    resolve: (_root, { accountId, input }, ctx) =>
      updateAccountProfile(
        ctx,
        decodeId(accountId, 'Account', ['accountId']),
        Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)),
      ),
  }),
);
