import { type Actor, canReadUser, createUserInput, email as emailSchema, newPassword } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import { marks, rows } from '../../db/rows.js';
import { NotFoundError, ValidationError, validate } from '../../errors.js';
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
