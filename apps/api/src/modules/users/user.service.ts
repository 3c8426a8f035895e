import {
  type Actor,
  canReadUser,
  createUserInput,
  email as emailSchema,
  newPassword,
  ROLES,
  uuid,
} from '@clave/domain';
import { Cursor, type EntityManager, type FilterQuery, raw } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import { SQLITE_LOWER } from '../../db/orm.js';
import { marks, rows } from '../../db/rows.js';
import { ForbiddenError, NotFoundError, ValidationError, validate } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Scope } from '../auth/viewer.js';
import { Team, User } from './user.entity.js';

const createUserCommand = createUserInput.omit({ teamId: true }).extend({
  teamName: z.string().trim().min(1).max(120).optional(),
});

/**
 * Creates a user from the command line (or the seed). A KAM joins the named team; a manager leads
 * it, creating the team when it does not exist yet.
 */
export async function createUser(
  em: EntityManager,
  input: unknown,
  actorId: string | null = null,
): Promise<User> {
  const data = validate(createUserCommand, input);
  if (data.role === 'ADMIN' && data.teamName) throw ValidationError.field(['teamName'], 'invalidInput');
  const passwordHash = await hashPassword(data.password);
  return em.transactional(async (tx) => {
    if (await tx.count(User, { email: data.email })) throw ValidationError.field(['email'], 'emailTaken');
    let team: Team | null = null;
    if (data.teamName) {
      team = await tx.findOne(Team, { name: data.teamName });
      if (!team && data.role === 'KAM') throw new NotFoundError('Team');
      team ??= tx.create(Team, { id: newId(), name: data.teamName, manager: null });
    }
    const user = tx.create(User, {
      id: newId(),
      email: data.email,
      name: data.name,
      role: data.role,
      team: data.role === 'KAM' ? team : null,
      passwordHash,
      active: true,
    });
    if (team && data.role === 'MANAGER') team.manager = user;
    recordAudit(tx, {
      actorId,
      entityType: 'User',
      entityId: user.id,
      action: 'CREATE',
      after: { email: user.email, name: user.name, role: user.role, team: data.teamName ?? null },
    });
    return user;
  });
}

/** Sets a new password and ends the user's sessions everywhere. */
export async function setPassword(
  em: EntityManager,
  input: unknown,
  actorId: string | null = null,
): Promise<void> {
  const data = validate(z.object({ email: emailSchema, password: newPassword }), input);
  const passwordHash = await hashPassword(data.password);
  await em.transactional(async (tx) => {
    const user = await tx.findOne(User, { email: data.email });
    if (!user) throw new NotFoundError('User');
    user.passwordHash = passwordHash;
    await tx.nativeDelete('Session', { user: user.id });
    recordAudit(tx, { actorId, entityType: 'User', entityId: user.id, action: 'SET_PASSWORD' });
  });
}

/** Users as the permission rules see them (id, role, the teams they lead), with one query. */
export async function actorsOf(em: EntityManager, users: readonly User[]): Promise<Map<string, Actor>> {
  // Plain rows: this runs on every signed-in request.
  const led =
    users.length === 0
      ? []
      : await rows<{ id: string; manager_id: string }>(
          em,
          `select id, manager_id from team where manager_id in (${marks(users.length)})`,
          users.map((u) => u.id),
        );
  return new Map(
    users.map((u) => [
      u.id,
      { id: u.id, role: u.role, ledTeamIds: led.filter((t) => t.manager_id === u.id).map((t) => t.id) },
    ]),
  );
}

/** The users among `ids` the viewer may see (themselves, their team, their manager; admins all). */
export async function loadUsers(scope: Scope, ids: readonly string[]): Promise<(User | null)[]> {
  const viewer = scope.viewer;
  if (!viewer) return ids.map(() => null);
  const users = await scope.em.find(User, { id: { $in: [...ids] } });
  const led = await scope.em.find(Team, { manager: { $in: users.map((u) => u.id) } });
  const visible = new Map(
    users
      .filter((u) =>
        canReadUser(
          viewer.actor,
          {
            id: u.id,
            teamId: u.team?.id ?? null,
            ledTeamIds: led.filter((t) => t.manager?.id === u.id).map((t) => t.id),
          },
          viewer.teamId,
        ),
      )
      .map((u) => [u.id, u]),
  );
  return ids.map((id) => visible.get(id) ?? null);
}

/**
 * The users `viewer` may see, as a query condition: the SQL twin of the domain's canReadUser
 * (admins everyone; anyone themselves; a manager the members of the teams they lead; a KAM their
 * teammates and the manager who leads their team).
 */
async function visibleUsers(scope: Scope): Promise<FilterQuery<User>> {
  const viewer = scope.viewer;
  if (!viewer) throw new ForbiddenError();
  if (viewer.actor.role === 'ADMIN') return {};
  const or: FilterQuery<User>[] = [{ id: viewer.user.id }];
  if (viewer.actor.ledTeamIds.length > 0) or.push({ team: { $in: [...viewer.actor.ledTeamIds] } });
  if (viewer.teamId) {
    or.push({ team: viewer.teamId });
    const own = await scope.em.findOne(Team, { id: viewer.teamId });
    if (own?.manager) or.push({ id: own.manager.id });
    // A manager leading the viewer's team as well as another (ledTeamIds of the target) is covered
    // by the team's manager above: a team has one manager.
  }
  return { $or: or };
}

const userPageInput = z.object({
  first: z.number().int().min(1).max(100).nullish(),
  after: z.string().max(1000).nullish(),
  role: z.enum(ROLES).nullish(),
  teamId: uuid.nullish(),
  search: z.string().trim().max(200).nullish(),
});

/** Case-insensitive substring of the name or the email, as in the accounts search (no LIKE). */
function nameOrEmailContains(em: EntityManager, text: string): FilterQuery<User> {
  const postgres = em.getPlatform().getConfig().get('driver') === PostgreSqlDriver;
  // The text reaches SQL only as hex digits (see the accounts search for why).
  const hex = Buffer.from(text.toLowerCase(), 'utf8').toString('hex');
  const needle = postgres ? `convert_from(decode('${hex}', 'hex'), 'UTF8')` : `cast(x'${hex}' as text)`;
  const contains = (alias: string, column: string) =>
    postgres
      ? `strpos(lower(${alias}.${column}), ${needle})`
      : `instr(${SQLITE_LOWER}(${alias}.${column}), ${needle})`;
  return {
    [raw((alias: string) => `(${contains(alias, 'name')} + ${contains(alias, 'email')})`)]: { $gt: 0 },
  };
}

/**
 * Active users the viewer may see, by name: the people to choose as an account's owner or
 * supporters, or whose tokens an admin reviews. Never their password hashes.
 */
export async function listUsers(
  scope: Scope,
  request: {
    first?: number | null;
    after?: string | null;
    role?: unknown;
    teamId?: unknown;
    search?: unknown;
  },
): Promise<Cursor<User>> {
  const data = validate(userPageInput, request);
  const conditions: FilterQuery<User>[] = [await visibleUsers(scope), { active: true }];
  if (data.role) conditions.push({ role: data.role });
  if (data.teamId) conditions.push({ team: data.teamId });
  if (data.search) conditions.push(nameOrEmailContains(scope.em, data.search));
  if (data.after) {
    let valid = false;
    try {
      valid = Array.isArray(Cursor.decode(data.after));
    } catch {
      valid = false;
    }
    if (!valid) throw ValidationError.field(['after'], 'invalidInput');
  }
  return scope.em.findByCursor(User, { $and: conditions }, {
    first: data.first ?? 20,
    after: data.after ?? undefined,
    orderBy: { name: 'asc', id: 'asc' },
    includeCount: true,
    populate: ['team'],
  } as never);
}
