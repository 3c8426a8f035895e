import { createHash } from 'node:crypto';
import { isVisitTimePlausible, type LogVisitInput, logVisitInput } from '@clave/domain';
import { Cursor, type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { dateOf, marks, rows } from '../../db/rows.js';
import { ConflictError, ValidationError, validate } from '../../errors.js';
import {
  getWritableAccount,
  requireViewer,
  visibleAccounts,
  visibleByAccount,
} from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { createPlanActions } from '../plans/plan-action.service.js';
import { Stakeholder } from '../stakeholders/stakeholder.entity.js';
import { publishVisitLogged } from '../webhooks/webhook-events.js';
import { Visit, type VisitNextStep } from './visit.entity.js';

/** Visits by id, null where missing or where the viewer may not read the account. */
export async function loadVisits(scope: Scope, ids: readonly string[]): Promise<(Visit | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(Visit, { id: { $in: [...ids] } });
  const byId = new Map(found.map((v) => [v.id, v]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (v) => v.account.id,
  );
}

/**
 * The input with one spelling per meaning: the instant in UTC, the stakeholders met as a set,
 * absent optional values as null. Two sends with the same meaning give the same canonical text.
 */
function canonical(data: LogVisitInput, authorId: string): string {
  return JSON.stringify({
    id: data.id,
    accountId: data.accountId,
    authorId,
    occurredAt: new Date(data.occurredAt).toISOString(),
    kind: data.kind,
    stakeholderIds: [...data.stakeholderIds].sort(),
    purpose: data.purpose,
    notes: data.notes,
    outcomes: data.outcomes,
    nextSteps: nextStepsOf(data),
    acceptance: data.acceptance,
    location: data.location
      ? { lat: data.location.lat, lng: data.location.lng, label: data.location.label ?? null }
      : null,
  });
}

function nextStepsOf(data: LogVisitInput): VisitNextStep[] {
  return data.nextSteps.map((s) => ({ title: s.title, dueDate: s.dueDate, ownerId: s.ownerId ?? null }));
}

/** The content hash stored with a visit (also used by the demo seed). */
export const visitContentHash = (data: LogVisitInput, authorId: string): string =>
  createHash('sha256').update(canonical(data, authorId)).digest('hex');

/**
 * Logs a visit made on the phone, possibly long before it syncs. The phone's UUID is the primary
 * key: re-sending the same visit returns the stored one and stores nothing; the same id with other
 * content is a ConflictError carrying the stored visit. Two identical sends racing each other are
 * settled by the primary key: the loser answers as a re-send.
 */
export async function logVisit(scope: Scope, input: unknown, now = new Date()): Promise<Visit> {
  const { actor } = requireViewer(scope);
  const data = validate(logVisitInput, input);
  if (!isVisitTimePlausible(data.occurredAt, now))
    throw ValidationError.field(['occurredAt'], 'visitInFuture');
  const contentHash = visitContentHash(data, actor.id);
  const stored = await scope.em.findOne(Visit, { id: data.id });
  if (stored) return answerResend(scope, stored, contentHash);
  try {
    return await scope.em.transactional(async (em) => {
      const account = await getWritableAccount({ ...scope, em }, data.accountId);
      const met = await findStakeholdersMet(em, account.id, data.stakeholderIds);
      const visit = em.create(Visit, {
        id: data.id,
        account,
        kam: actor.id,
        occurredAt: new Date(data.occurredAt),
        kind: data.kind,
        purpose: data.purpose,
        notes: data.notes,
        outcomes: data.outcomes,
        acceptance: data.acceptance,
        locationLat: data.location?.lat ?? null,
        locationLng: data.location?.lng ?? null,
        locationLabel: data.location?.label ?? null,
        stakeholders: met,
        nextSteps: nextStepsOf(data),
        createdActionIds: [],
        contentHash,
        createdAt: now,
      });
      visit.createdActionIds = await createActionsForNextSteps(em, scope, account.id, data);
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'Visit',
        entityId: visit.id,
        action: 'CREATE',
        after: {
          accountId: account.id,
          occurredAt: visit.occurredAt.toISOString(),
          kind: visit.kind,
          stakeholderIds: data.stakeholderIds,
          purpose: visit.purpose,
          acceptance: visit.acceptance,
          nextSteps: visit.nextSteps,
          createdActionIds: visit.createdActionIds,
        },
      });
      await publishVisitLogged(em, visit);
      return visit;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const em = scope.em.fork();
    const winner = await em.findOne(Visit, { id: data.id });
    if (!winner) throw error;
    return answerResend({ ...scope, em }, winner, contentHash);
  }
}

/**
 * The next steps as actions of the account's active plan, in the visit's transaction: if they
 * cannot be created (no active plan, an owner who may not work the account) the visit is not
 * stored either, and the issues point at the next steps.
 */
async function createActionsForNextSteps(
  em: EntityManager,
  scope: Scope,
  accountId: string,
  data: LogVisitInput,
): Promise<string[]> {
  if (data.nextSteps.length === 0) return [];
  const { actor } = requireViewer(scope);
  try {
    const actions = await createPlanActions(em, actor, {
      accountId,
      items: data.nextSteps.map((s) => ({
        title: s.title,
        dueDate: s.dueDate,
        ownerId: s.ownerId ?? actor.id,
      })),
      source: 'VISIT',
    });
    return actions.map((a) => a.id);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.issues.map((issue) => ({
        ...issue,
        path: issue.path[0] === 'items' ? ['nextSteps', ...issue.path.slice(1)] : ['nextSteps'],
      })),
    );
  }
}

async function answerResend(scope: Scope, stored: Visit, contentHash: string): Promise<Visit> {
  const [visible] = await visibleByAccount(scope, [stored], (v) => v.account.id);
  // An id someone else used on an account the caller cannot see: say no more than that it is taken.
  if (!visible) throw ValidationError.field(['id'], 'visitIdTaken');
  if (stored.contentHash !== contentHash) throw new ConflictError('Visit', stored, 0);
  return stored;
}

async function findStakeholdersMet(
  em: EntityManager,
  accountId: string,
  ids: readonly string[],
): Promise<Stakeholder[]> {
  if (ids.length === 0) return [];
  const found = await em.find(Stakeholder, { id: { $in: [...ids] }, account: accountId });
  const byId = new Map(found.map((s) => [s.id, s]));
  const missing = ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) throw ValidationError.field(['stakeholderIds', missing], 'stakeholderNotInAccount');
  return ids.map((id) => byId.get(id) as Stakeholder);
}

export interface VisitPageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** A page of visits, newest first; ties by id so pages are stable. */
async function page(em: EntityManager, where: object, request: VisitPageRequest): Promise<Cursor<Visit>> {
  const first = request.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw ValidationError.field(['first'], 'firstOutOfRange');
  if (request.after) {
    let valid = false;
    try {
      valid = Array.isArray(Cursor.decode(request.after));
    } catch {
      valid = false;
    }
    if (!valid) throw ValidationError.field(['after'], 'invalidInput');
  }
  return em.findByCursor(
    Visit,
    where as never,
    {
      first,
      after: request.after ?? undefined,
      orderBy: { occurredAt: 'desc', id: 'desc' },
      includeCount: true,
    } as never,
  );
}

/** Visits of an (already authorized) account. */
export function visitsOfAccount(em: EntityManager, accountId: string, request: VisitPageRequest) {
  return page(em, { account: accountId }, request);
}

/** The viewer's own visits, on accounts they may still read. */
export function myVisits(scope: Scope, request: VisitPageRequest) {
  const { actor } = requireViewer(scope);
  return page(scope.em, { kam: actor.id, account: visibleAccounts(actor) }, request);
}

/** When each stakeholder (already authorized) was last met, or null: one query for all. */
export async function lastContactOfStakeholders(
  em: EntityManager,
  stakeholderIds: readonly string[],
): Promise<(Date | null)[]> {
  if (stakeholderIds.length === 0) return [];
  const found = await rows<{ sid: string; last: unknown }>(
    em,
    `select vs.stakeholder_id as sid, max(v.occurred_at) as last
       from visit_stakeholder vs join visit v on v.id = vs.visit_id
      where vs.stakeholder_id in (${marks(stakeholderIds.length)}) group by vs.stakeholder_id`,
    stakeholderIds,
  );
  const last = new Map(found.map((r) => [r.sid, dateOf(r.last)]));
  return stakeholderIds.map((id) => last.get(id) ?? null);
}

/**
 * The latest visit that met each stakeholder (already authorized), or null: one ranking query
 * over the visit–stakeholder links and one to load the visits, whatever the number of people.
 */
export async function lastVisitOfStakeholders(
  em: EntityManager,
  stakeholderIds: readonly string[],
): Promise<(Visit | null)[]> {
  if (stakeholderIds.length === 0) return [];
  const marks = stakeholderIds.map(() => '?').join(', ');
  const rows: { sid: string; vid: string }[] = await em.getConnection().execute(
    `select sid, vid from (
       select vs.stakeholder_id as sid, v.id as vid,
              row_number() over (partition by vs.stakeholder_id order by v.occurred_at desc, v.id desc) as rn
       from visit_stakeholder vs join visit v on v.id = vs.visit_id
       where vs.stakeholder_id in (${marks})
     ) ranked where rn = 1`,
    [...stakeholderIds],
  );
  const visits = await em.find(Visit, { id: { $in: rows.map((r) => r.vid) } });
  const visitById = new Map(visits.map((v) => [v.id, v]));
  const latest = new Map(rows.map((r) => [String(r.sid), visitById.get(String(r.vid)) ?? null]));
  return stakeholderIds.map((id) => latest.get(id) ?? null);
}
