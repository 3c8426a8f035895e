import type { ROLES } from '@clave/domain';
import { builder } from '../../graphql/builder.js';
import { forwardPageArgs, toConnection } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import { orGraphQLError } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import type { User } from './user.entity.js';
import { listUsers, loadUsers } from './user.service.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a user does in Clave: ADMIN (users, teams, templates), MANAGER (leads KAMs), KAM.',
  values: {
    ADMIN: { description: 'Manages users, teams, KPI templates and tokens; reads everything.' },
    MANAGER: { description: "Leads a team of KAMs; reads and plans the team's accounts, approves requests." },
    KAM: { description: 'Key account manager: works the accounts they own or support.' },
  } satisfies Record<(typeof ROLES)[number], { description: string }>,
});

export const UserRef = builder.loadableNode('User', {
  description: 'A person who signs in to Clave. Password hashes are never exposed.',
  id: { resolve: (user) => user.id },
  isTypeOf: isEntity('User'),
  // Null for users the viewer may not see: `node` then answers null, as for a missing id.
  load: (ids: string[], ctx: Context) => loadUsers(ctx, ids) as Promise<User[]>,
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Sign-in email, lower case.' }),
    name: t.exposeString('name', { description: 'Full name as shown to colleagues.' }),
    role: t.field({ type: RoleEnum, description: 'The user role.', resolve: (user) => user.role }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user, or null when the request carries no valid session.',
    resolve: (_root, _args, ctx) => ctx.viewer?.user ?? null,
  }),
);

builder.queryField('users', (t) =>
  t.connection(
    {
      type: UserRef,
      description:
        'Active users the caller may see, by name: an admin everyone; a manager themselves and the ' +
        'members of the teams they lead; a KAM themselves, their teammates and their manager (the ' +
        'same rule as reading one user). API tokens need read:accounts.',
      authScopes: { tokenScope: 'read:accounts' },
      args: {
        role: t.arg({ type: RoleEnum, description: 'Only users with this role.' }),
        teamId: t.arg.id({ description: 'Only members of this team (global id of a DeskTeam).' }),
        search: t.arg.string({ description: 'Part of the name or email, any case.' }),
      },
      validate: forwardPageArgs,
      resolve: (_root, args, ctx) =>
        orGraphQLError(ctx.locale, async () =>
          toConnection(
            await listUsers(ctx, {
              first: args.first,
              after: args.after,
              role: args.role,
              search: args.search,
              teamId: args.teamId ? decodeId(args.teamId, 'Team', ['teamId']) : null,
            }),
          ),
        ),
    },
    {
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many users match, across all pages.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
  ),
);
