import { type Actor, canReadAccount, type KpiStatus, kpiStatus, type WebhookEventType } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { newId } from '../../db/ids.js';
import { Account } from '../accounts/account.entity.js';
import { accessFacts } from '../accounts/account.service.js';
import { KpiDefinition, KpiMeasurement } from '../kpis/kpi.entity.js';
import { trendDefinition } from '../kpis/kpi-trend.service.js';
import type { PlanAction } from '../plans/plan.entity.js';
import type { ResourceRequest } from '../resources/resource-request.entity.js';
import { actorsOf } from '../users/user.service.js';
import type { Visit } from '../visits/visit.entity.js';
import { Webhook, WebhookDelivery, WebhookEvent } from './webhook.entity.js';

/**
 * The outbox side of webhooks. Services call these with their TRANSACTION's EntityManager, so the
 * event and its deliveries commit or roll back together with the change they describe. Each event
 * goes only to active webhooks subscribed to its type whose owner may read the account (checked
 * with the same permission rules as every read, at the time of the change).
 */

const gid = (type: string, id: string) => encodeGlobalID(type, id);
const gidOrNull = (type: string, id: string | null | undefined) => (id ? gid(type, id) : null);

/** Active webhooks subscribed to `type`; one query over a small table. */
async function subscribers(em: EntityManager, type: WebhookEventType): Promise<Webhook[]> {
  const active = await em.find(Webhook, { active: true, owner: { active: true } }, { populate: ['owner'] });
  return active.filter((w) => w.events.includes(type));
}

/** Of `webhooks`, those whose owner may read `accountId`. */
async function allowedFor(em: EntityManager, webhooks: Webhook[], accountId: string): Promise<Webhook[]> {
  if (webhooks.length === 0) return [];
  const account = await em.findOne(Account, { id: accountId }, { populate: ['owner', 'supporters'] });
  if (!account) return [];
  const facts = accessFacts(account);
  const actors = await actorsOf(em, [...new Set(webhooks.map((w) => w.owner))]);
  return webhooks.filter((w) => canReadAccount(actors.get(w.owner.id) as Actor, facts));
}

/** Writes one event and a PENDING delivery for each webhook, due at once. */
function enqueue(
  em: EntityManager,
  webhooks: readonly Webhook[],
  event: { type: WebhookEventType; accountId: string; data: Record<string, unknown>; now: Date },
): void {
  if (webhooks.length === 0) return;
  const id = newId();
  const payload = { id, type: event.type, occurredAt: event.now.toISOString(), data: event.data };
  const row = em.create(WebhookEvent, {
    id,
    type: event.type,
    account: em.getReference(Account, event.accountId),
    payload,
    occurredAt: event.now,
  });
  for (const webhook of webhooks) {
    em.create(WebhookDelivery, {
      id: newId(),
      webhook,
      event: row,
      state: 'PENDING',
      attempts: 0,
      nextAttemptAt: event.now,
      lockedUntil: null,
      lastAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
      log: [],
      createdAt: event.now,
    });
  }
}

async function publish(
  em: EntityManager,
  type: WebhookEventType,
  accountId: string,
  data: () => Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  const webhooks = await allowedFor(em, await subscribers(em, type), accountId);
  enqueue(em, webhooks, { type, accountId, data: data(), now });
}

/** `visit.logged`: a new visit was stored (not on an idempotent re-send). */
export function publishVisitLogged(em: EntityManager, visit: Visit): Promise<void> {
  return publish(em, 'visit.logged', visit.account.id, () => ({
    visitId: gid('Visit', visit.id),
    accountId: gid('Account', visit.account.id),
    kamId: gid('User', visit.kam.id),
    occurredAt: visit.occurredAt.toISOString(),
    kind: visit.kind,
    purpose: visit.purpose,
    acceptance: visit.acceptance,
    stakeholderIds: visit.stakeholders.getItems().map((s) => gid('Stakeholder', s.id)),
    createdActionIds: visit.createdActionIds.map((id) => gid('PlanAction', id)),
  }));
}

/**
 * `plan_action.updated`: an action changed (status, progress, fields, or a note in its log).
 * `before` and `after` are the action's snapshots (actionSnapshot) around the change.
 */
export function publishPlanActionUpdated(
  em: EntityManager,
  action: PlanAction,
  change: {
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    note?: string | null | undefined;
  },
  actorId: string,
): Promise<void> {
  const { before, after } = change;
  const changedFields = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  if (change.note?.trim()) changedFields.push('note');
  return publish(em, 'plan_action.updated', action.account.id, () => ({
    planActionId: gid('PlanAction', action.id),
    accountId: gid('Account', action.account.id),
    planId: gid('AccountPlan', action.plan.id),
    updatedById: gid('User', actorId),
    title: action.title,
    status: action.status,
    previousStatus: before.status ?? null,
    progress: action.progress,
    previousProgress: before.progress ?? null,
    dueDate: action.dueDate,
    ownerId: gid('User', action.owner.id),
    changedFields,
    note: change.note?.trim() ? change.note : null,
  }));
}

/** `resource_request.decided`: a manager approved or rejected a request (once, not on a re-send). */
export function publishResourceRequestDecided(em: EntityManager, request: ResourceRequest): Promise<void> {
  return publish(em, 'resource_request.decided', request.account.id, () => ({
    resourceRequestId: gid('ResourceRequest', request.id),
    accountId: gid('Account', request.account.id),
    status: request.status,
    kind: request.kind,
    amount: request.amount ?? null,
    planActionId: gidOrNull('PlanAction', request.planActionId),
    opportunityId: gidOrNull('Opportunity', request.opportunity?.id),
    requestedById: gid('User', request.requestedBy.id),
    decidedById: gidOrNull('User', request.decidedBy?.id),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    reason: request.decisionReason ?? null,
  }));
}

/** Rows per IN list: far below every driver's parameter limit. */
const CHUNK = 500;

interface Latest {
  readonly periodStart: string;
  readonly value: number;
}

/** The latest measurement of each definition, as plain rows (never entities of the identity map). */
async function latestValues(
  em: EntityManager,
  definitionIds: readonly string[],
): Promise<Map<string, Latest>> {
  const latest = new Map<string, Latest>();
  for (let i = 0; i < definitionIds.length; i += CHUNK) {
    const rows = await (em as SqlEntityManager)
      .createQueryBuilder(KpiMeasurement, 'm')
      .select(['m.definition', 'm.periodStart', 'm.value'])
      .where({ definition: { $in: definitionIds.slice(i, i + CHUNK) } })
      .andWhere(
        'm.period_start = (select max(l.period_start) from kpi_measurement l where l.definition_id = m.definition_id)',
      )
      .execute<{ definition: string; periodStart: string; value: number | string }[]>('all');
    for (const row of rows) {
      latest.set(String(row.definition), { periodStart: row.periodStart, value: Number(row.value) });
    }
  }
  return latest;
}

export interface KpiStatusWatch {
  /** Publishes `kpi.status_changed` for each watched KPI whose status is not what it was. */
  publishChanges(): Promise<void>;
}

/**
 * Call BEFORE writing measurements, with the KPIs about to change, then `publishChanges()` after
 * writing them, in the same transaction. The status is that of the KPI's latest value against its
 * thresholds (the domain's `kpiStatus`, as on KPI tiles and in trends). Costs nothing when no
 * webhook listens to kpi.status_changed.
 */
export async function watchKpiStatuses(
  em: EntityManager,
  definitionIds: readonly string[],
  actorId: string,
): Promise<KpiStatusWatch> {
  const listening = definitionIds.length > 0 ? await subscribers(em, 'kpi.status_changed') : [];
  if (listening.length === 0) return { publishChanges: async () => {} };
  const ids = [...new Set(definitionIds)];
  const before = await latestValues(em, ids);
  return {
    async publishChanges() {
      const after = await latestValues(em, ids);
      const definitions = await em.find(KpiDefinition, { id: { $in: ids } });
      const now = new Date();
      const allowedByAccount = new Map<string, Webhook[]>();
      for (const definition of definitions) {
        const rule = trendDefinition(definition);
        const was: KpiStatus | null = kpiStatus(before.get(definition.id)?.value ?? null, rule);
        const latest = after.get(definition.id);
        const is: KpiStatus | null = kpiStatus(latest?.value ?? null, rule);
        if (was === is) continue;
        const accountId = definition.account.id;
        // A batch often holds many KPIs of one account: who may see it is asked once per account.
        let webhooks = allowedByAccount.get(accountId);
        if (!webhooks) {
          webhooks = await allowedFor(em, listening, accountId);
          allowedByAccount.set(accountId, webhooks);
        }
        enqueue(em, webhooks, {
          type: 'kpi.status_changed',
          accountId,
          now,
          data: {
            kpiDefinitionId: gid('KpiDefinition', definition.id),
            accountId: gid('Account', accountId),
            recordedById: gid('User', actorId),
            name: definition.name,
            unit: definition.unit,
            previousStatus: was,
            status: is,
            periodStart: latest?.periodStart ?? null,
            value: latest?.value ?? null,
            target: definition.target ?? null,
            amberThreshold: definition.amberThreshold ?? null,
            redThreshold: definition.redThreshold ?? null,
          },
        });
      }
    },
  };
}
