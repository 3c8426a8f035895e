import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { AuditEntry } from './audit.entity.js';

export interface AuditRecord {
  readonly actorId: string | null;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
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
    before: record.before ?? null,
    after: record.after ?? null,
  });
}
