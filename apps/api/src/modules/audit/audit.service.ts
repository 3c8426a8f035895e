import { type EntityManager, helper } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { AuditEntry } from './audit.entity.js';

export interface AuditRecord {
  readonly actorId: string | null;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  /**
   * The account the change belongs to; when left out it is worked out from the entity (the
   * account itself, `<accountId>:<year|month>` ids, or the changed entity's `account` / `plan.account`
   * in the unit of work). Pass null for changes outside any account.
   */
  readonly accountId?: string | null;
}

/**
 * Queues the audit row on `em`; callers pass their transaction's EntityManager so the row commits
 * or rolls back together with the change it describes.
 */
export function recordAudit(em: EntityManager, record: AuditRecord): void {
  em.create(AuditEntry, {
    id: newId(),
    actor: record.actorId,
    at: new Date(),
    entityType: record.entityType,
    entityId: record.entityId,
    action: record.action,
    accountId: accountOf(em, record),
    before: record.before ?? null,
    after: record.after ?? null,
  });
}

/** Entity types whose id is the account's own id. */
const ACCOUNT_KEYED = new Set(['Account', 'AccountProfile']);
/** Entity types whose id is `<accountId>:<something>`. */
const ACCOUNT_PREFIXED = new Set(['AccountRevenue', 'AccountMonthlyRevenue']);

function accountOf(em: EntityManager, record: AuditRecord): string | null {
  if (record.accountId !== undefined) return record.accountId;
  if (ACCOUNT_KEYED.has(record.entityType)) return record.entityId;
  if (ACCOUNT_PREFIXED.has(record.entityType)) return record.entityId.split(':')[0] || null;
  const entity = managed(em, record.entityType, record.entityId);
  return entity ? accountIdOf(entity) : null;
}

interface WithAccount {
  account?: { id?: string } | null;
  plan?: { account?: { id?: string } | null } | null;
  definition?: { account?: { id?: string } | null } | null;
}

/** The changed entity as the unit of work holds it (loaded, or created and not yet flushed). */
function managed(em: EntityManager, entityType: string, id: string): WithAccount | null {
  const uow = em.getUnitOfWork();
  try {
    const found = uow.getById<object>(entityType, id);
    if (found) return found as WithAccount;
  } catch {
    // not an entity name: nothing to find
  }
  for (const entity of uow.getPersistStack()) {
    if (helper(entity).__meta.className === entityType && (entity as { id?: string }).id === id) {
      return entity as WithAccount;
    }
  }
  return null;
}

function accountIdOf(entity: WithAccount): string | null {
  return entity.account?.id ?? entity.plan?.account?.id ?? entity.definition?.account?.id ?? null;
}
