import type { ROLES } from '@clave/domain';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isEntity } from '../../graphql/entity-type.js';
import type { User } from './user.entity.js';
import { loadUsers } from './user.service.js';

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
