import { ROLES } from '@clave/domain';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from '../../db/columns.js';
import { enumColumn } from '../../db/enum-column.js';

export const Team = defineEntity({
  name: 'Team',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(120).unique(),
    /** The manager who leads the team. */
    manager: () => p.manyToOne(User).nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Team = InferEntity<typeof Team>;

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(254).unique(),
    name: p.string().length(120),
    role: enumColumn(ROLES),
    /** The team a KAM belongs to; managers lead teams through Team.manager instead. */
    team: () => p.manyToOne(Team).nullable().index(),
    /** argon2id PHC string; never selected unless asked for, never serialized. */
    passwordHash: p.string().length(255).hidden().lazy(true, false),
    active: p.boolean(),
    ...timestamps(),
  },
});
export type User = InferEntity<typeof User>;
