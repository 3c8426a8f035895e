import { createHash } from 'node:crypto';
import {
  canDecideResourceRequest,
  createResourceRequestInput,
  decideResourceRequestInput,
  RESOURCE_REQUEST_STATUSES,
  uuid,
} from '@clave/domain';
import {
  Cursor,
  type EntityManager,
  type FilterQuery,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { z } from 'zod';
import { newId } from '../../db/ids.js';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.js';
import {
  accessFacts,
  getReadableAccount,
  getWritableAccount,
  requireViewer,
  visibleAccounts,
  visibleByAccount,
} from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { PlanAction } from '../plans/plan.entity.js';
import { User } from '../users/user.entity.js';
import { publishResourceRequestDecided } from '../webhooks/webhook-events.js';
import { ResourceRequest } from './resource-request.entity.js';

/** The account the request is made for; the target must belong to it. */
const requestAccount = z.object({ accountId: uuid });

/** Parses with both schemas, reporting every issue of both at once. */
function validateCreate(input: unknown) {
  const account = requestAccount.safeParse(input);
  const request = createResourceRequestInput.safeParse(input);
  if (account.success && request.success) return { ...request.data, accountId: account.data.accountId };
  const issues: FieldIssue[] = [account, request].flatMap((r) =>
    r.success ? [] : ValidationError.fromZod(r.error).issues,
  );
  throw new ValidationError(issues);
}

export function requestSnapshot(request: ResourceRequest): Record<string, unknown> {
  return {
    accountId: request.account.id,
    requestedById: request.requestedBy.id,
    kind: request.kind,
    amount: request.amount ?? null,
    description: request.description,
    planActionId: request.planActionId ?? null,
    opportunityId: request.opportunity?.id ?? null,
    status: request.status,
    decidedById: request.decidedBy?.id ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decisionReason: request.decisionReason ?? null,
  };
}

/** The resource requests among `ids` the viewer may read (through their account), null for the others. */
export async function loadResourceRequests(
  scope: Scope,
  ids: readonly string[],
): Promise<(ResourceRequest | null)[]> {
  if (!scope.viewer || ids.length === 0) return ids.map(() => null);
  const found = await scope.em.find(ResourceRequest, { id: { $in: [...ids] } });
  const byId = new Map(found.map((r) => [r.id, r]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id)),
    (r) => r.account.id,
  );
}

/** Requests of many (already authorized) accounts, newest first. */
export async function resourceRequestsByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<ResourceRequest[][]> {
  const rows = await em.find(
    ResourceRequest,
    { account: { $in: [...accountIds] } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
  return accountIds.map((id) => rows.filter((r) => r.account.id === id));
}

/** Requests made for many (already authorized) opportunities, newest first. */
export async function resourceRequestsByOpportunity(
  em: EntityManager,
  opportunityIds: readonly string[],
): Promise<ResourceRequest[][]> {
  const rows = await em.find(
    ResourceRequest,
    { opportunity: { $in: [...opportunityIds] } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
  return opportunityIds.map((id) => rows.filter((r) => r.opportunity?.id === id));
}

/**
 * The creation input with one spelling per meaning (absent values as null) and its author: two
 * sends with the same meaning give the same hash.
 */
function contentHashOf(data: ReturnType<typeof validateCreate>, authorId: string): string {
  const canonical = JSON.stringify({
    id: data.id ?? null,
    accountId: data.accountId,
    authorId,
    kind: data.kind,
    amount: data.amount ?? null,
    description: data.description,
    planActionId: data.planActionId ?? null,
    opportunityId: data.opportunityId ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * A KAM (or the team's manager) asks for resources for one plan action or one opportunity of an
 * account they may work on. The request starts PENDING, waiting in the manager's inbox.
 * With a client-made `id` (the phone's outbox) it is idempotent like logVisit: the same id with the
 * same content returns the stored request (whatever its status now) and stores nothing; the same id
 * with other content is a ConflictError carrying the stored one; an id taken on an account the
 * caller cannot see is only reported as taken. Two identical sends racing each other are settled by
 * the primary key: the loser answers as a re-send.
 */
export async function createResourceRequest(scope: Scope, input: unknown): Promise<ResourceRequest> {
  const { actor } = requireViewer(scope);
  const data = validateCreate(input);
  const contentHash = contentHashOf(data, actor.id);
  if (data.id) {
    const stored = await scope.em.findOne(ResourceRequest, { id: data.id });
    if (stored) return answerResend(scope, stored, contentHash);
  }
  try {
    return await scope.em.transactional(async (em) => {
      const account = await getWritableAccount({ ...scope, em }, data.accountId);
      let opportunity: Opportunity | null = null;
      if (data.opportunityId !== undefined) {
        opportunity = await em.findOne(Opportunity, { id: data.opportunityId });
        if (!opportunity || opportunity.account.id !== account.id) {
          throw ValidationError.field(['opportunityId'], 'targetNotInAccount');
        }
      }
      if (data.planActionId !== undefined) {
        const action = await em.findOne(PlanAction, { id: data.planActionId });
        if (!action || action.account.id !== account.id) {
          throw ValidationError.field(['planActionId'], 'targetNotInAccount');
        }
      }
      const request = em.create(ResourceRequest, {
        id: data.id ?? newId(),
        account,
        requestedBy: em.getReference(User, actor.id),
        kind: data.kind,
        amount: data.amount ?? null,
        description: data.description,
        planActionId: data.planActionId ?? null,
        opportunity,
        status: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        contentHash,
      });
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'ResourceRequest',
        entityId: request.id,
        action: 'CREATE',
        after: requestSnapshot(request),
      });
      return request;
    });
  } catch (error) {
    if (!data.id || !(error instanceof UniqueConstraintViolationException)) throw error;
    const em = scope.em.fork();
    const winner = await em.findOne(ResourceRequest, { id: data.id });
    if (!winner) throw error;
    return answerResend({ ...scope, em }, winner, contentHash);
  }
}

async function answerResend(
  scope: Scope,
  stored: ResourceRequest,
  contentHash: string,
): Promise<ResourceRequest> {
  const [visible] = await visibleByAccount(scope, [stored], (r) => r.account.id);
  // An id someone else used on an account the caller cannot see: say no more than that it is taken.
  if (!visible) throw ValidationError.field(['id'], 'resourceRequestIdTaken');
  if (stored.contentHash !== contentHash) throw new ConflictError('ResourceRequest', stored, stored.version);
  return stored;
}

/**
 * A manager of the account's team approves or rejects a request (a rejection needs a reason).
 * Others who may see it get ForbiddenError; those who may not, NotFoundError. Re-sending the
 * decision already taken returns the request unchanged (safe to retry); the opposite decision on a
 * decided request is refused.
 */
export async function decideResourceRequest(
  scope: Scope,
  id: string,
  input: unknown,
  retried = false,
): Promise<ResourceRequest> {
  const { actor } = requireViewer(scope);
  const parsed = decideResourceRequestInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { approve, reason } = parsed.data;
  const status = approve ? 'APPROVED' : 'REJECTED';
  try {
    return await scope.em.transactional(async (em) => {
      const txScope = { ...scope, em };
      const [request] = await loadResourceRequests(txScope, [id]);
      if (!request) throw new NotFoundError('ResourceRequest');
      const account = await getReadableAccount(txScope, request.account.id);
      if (!canDecideResourceRequest(actor, accessFacts(account))) throw new ForbiddenError();
      if (request.status !== 'PENDING') {
        if (request.status === status) return request;
        throw ValidationError.field([], 'resourceRequestAlreadyDecided');
      }
      if (account.status === 'ARCHIVED') throw ValidationError.field([], 'accountArchived');
      const before = requestSnapshot(request);
      request.status = status;
      request.decidedBy = em.getReference(User, actor.id);
      request.decidedAt = new Date();
      request.decisionReason = reason ? reason : null;
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'ResourceRequest',
        entityId: request.id,
        action: approve ? 'APPROVE' : 'REJECT',
        before,
        after: requestSnapshot(request),
      });
      await publishResourceRequestDecided(em, request);
      return request;
    });
  } catch (error) {
    // Someone decided between our read and our write: decide again against what they stored, so
    // the same decision is idempotent and the opposite one is refused.
    if (error instanceof OptimisticLockError && !retried) {
      return decideResourceRequest({ ...scope, em: scope.em.fork() }, id, input, true);
    }
    throw error;
  }
}

export interface RequestPageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

const pageInput = z.object({
  first: z.number().int().min(1).max(100).nullish(),
  after: z.string().max(1000).nullish(),
  status: z.enum(RESOURCE_REQUEST_STATUSES).nullish(),
});

async function page(
  scope: Scope,
  where: FilterQuery<ResourceRequest>,
  request: unknown,
  direction: 'asc' | 'desc',
): Promise<Cursor<ResourceRequest>> {
  const parsed = pageInput.safeParse(request);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error);
  const { first, after, status } = parsed.data;
  const conditions: FilterQuery<ResourceRequest>[] = [where];
  if (status) conditions.push({ status });
  if (after) assertCursor(after);
  return scope.em.findByCursor(ResourceRequest, { $and: conditions }, {
    first: first ?? 20,
    after: after ?? undefined,
    orderBy: { createdAt: direction, id: direction },
    includeCount: true,
  } as never);
}

function assertCursor(cursor: string): void {
  try {
    if (Array.isArray(Cursor.decode(cursor))) return;
  } catch {
    // a malformed cursor is the caller's mistake, reported below
  }
  throw ValidationError.field(['after'], 'invalidInput');
}

/**
 * The approvals inbox: PENDING requests on active accounts of the teams the viewer manages, oldest
 * first (first come, first decided). Empty for anyone who decides nothing (KAMs, admins).
 */
export async function listPendingResourceRequests(
  scope: Scope,
  request: RequestPageRequest,
): Promise<Cursor<ResourceRequest>> {
  const { actor } = requireViewer(scope);
  const where: FilterQuery<ResourceRequest> =
    actor.role === 'MANAGER'
      ? { status: 'PENDING', account: { $and: [visibleAccounts(actor) as never, { status: 'ACTIVE' }] } }
      : { id: { $in: [] } };
  return page(scope, where, request, 'asc');
}

/** The viewer's own requests (on accounts they still see), newest first, optionally by status. */
export async function listMyResourceRequests(
  scope: Scope,
  request: RequestPageRequest & { readonly status?: string | null },
): Promise<Cursor<ResourceRequest>> {
  const { actor } = requireViewer(scope);
  return page(scope, { requestedBy: actor.id, account: visibleAccounts(actor) as never }, request, 'desc');
}
