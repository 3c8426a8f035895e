import { createKpiDefinitionInput, updateKpiDefinitionInput } from '@clave/domain';
import type { EntityManager } from '@mikro-orm/core';
import { newId } from '../../db/ids.js';
import { assertVersion, conflictOnRace, NotFoundError, ValidationError, validate } from '../../errors.js';
import { getWritableAccount, requireViewer, visibleByAccount } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { KpiDefinition, KpiTemplate } from './kpi.entity.js';
import { applyKpiChanges, kpiSnapshot } from './kpi-template.service.js';

/** The definitions among `ids` whose account the viewer may read, in order; null for the others. */
export async function loadKpiDefinitions(
  scope: Scope,
  ids: readonly string[],
): Promise<(KpiDefinition | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(KpiDefinition, { id: { $in: [...ids] } });
  const byId = new Map(found.map((d) => [d.id, d]));
  return visibleByAccount(
    scope,
    ids.map((id) => byId.get(id) ?? null),
    (d) => d.account.id,
  );
}

/** The live (not archived) definitions of already-authorized accounts, one query for all of them. */
export async function kpiDefinitionsByAccount(
  em: EntityManager,
  accountIds: readonly string[],
): Promise<KpiDefinition[][]> {
  const rows = await em.find(
    KpiDefinition,
    { account: { $in: [...accountIds] }, archived: false },
    { orderBy: { category: 'asc', name: 'asc', id: 'asc' } },
  );
  return accountIds.map((id) => rows.filter((d) => d.account.id === id));
}

function snapshot(definition: KpiDefinition): Record<string, unknown> {
  return {
    accountId: definition.account.id,
    templateId: definition.template?.id ?? null,
    ...kpiSnapshot(definition),
    archived: definition.archived,
  };
}

/**
 * Creates a KPI on an account. With a template, the template's fields are copied and any field
 * sent overrides them; without one, every required field must be sent (a custom KPI).
 */
export async function createKpiDefinition(
  scope: Scope,
  input: Record<string, unknown>,
): Promise<KpiDefinition> {
  const { actor } = requireViewer(scope);
  return scope.em.transactional(async (em) => {
    const templateId = input.templateId;
    let template: KpiTemplate | null = null;
    if (templateId !== undefined && templateId !== null) {
      if (typeof templateId !== 'string' || !/^[0-9a-f-]{36}$/i.test(templateId)) {
        throw ValidationError.field(['templateId'], 'invalidInput');
      }
      template = await em.findOne(KpiTemplate, { id: templateId, active: true });
      if (!template) throw ValidationError.field(['templateId'], 'kpiTemplateUnknown');
    }
    const fromTemplate = template ? kpiSnapshot(template) : {};
    const merged: Record<string, unknown> = { ...fromTemplate };
    for (const [key, value] of Object.entries(input)) if (value !== undefined) merged[key] = value;
    if (merged.templateId === null) delete merged.templateId;
    const data = validate(createKpiDefinitionInput, merged);
    const account = await getWritableAccount({ ...scope, em }, data.accountId);
    const definition = em.create(KpiDefinition, {
      id: newId(),
      account,
      template,
      name: data.name,
      unit: data.unit,
      direction: data.direction,
      frequency: data.frequency,
      target: data.target ?? null,
      amberThreshold: data.amberThreshold ?? null,
      redThreshold: data.redThreshold ?? null,
      category: data.category,
      description: data.description ?? null,
      archived: false,
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'KpiDefinition',
      entityId: definition.id,
      action: 'CREATE',
      after: snapshot(definition),
    });
    return definition;
  });
}

/** The definition if the viewer may change it: NotFound when hidden, Forbidden when read-only. */
export async function getWritableDefinition(scope: Scope, id: string): Promise<KpiDefinition> {
  const [definition] = await loadKpiDefinitions(scope, [id]);
  if (!definition) throw new NotFoundError('KpiDefinition');
  await getWritableAccount(scope, definition.account.id);
  return definition;
}

async function withConflictMapping<T>(scope: Scope, id: string, work: () => Promise<T>): Promise<T> {
  return conflictOnRace('KpiDefinition', () => scope.em.fork().findOne(KpiDefinition, { id }), work);
}

/**
 * Changes a definition; measurements already stored keep their values. The frequency may change:
 * measurements are then re-bucketed by the trend math (several in one period average out).
 */
export async function updateKpiDefinition(scope: Scope, id: string, input: unknown): Promise<KpiDefinition> {
  const { actor } = requireViewer(scope);
  const data = validate(updateKpiDefinitionInput, input);
  if (data.expectedVersion === undefined) throw ValidationError.field(['expectedVersion'], 'invalidInput');
  const expected = data.expectedVersion;
  return withConflictMapping(scope, id, () =>
    scope.em.transactional(async (em) => {
      const definition = await getWritableDefinition({ ...scope, em }, id);
      if (definition.archived) throw ValidationError.field([], 'kpiDefinitionArchived');
      assertVersion('KpiDefinition', definition, expected);
      const before = snapshot(definition);
      applyKpiChanges(definition, data);
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'KpiDefinition',
        entityId: definition.id,
        action: 'UPDATE',
        before,
        after: snapshot(definition),
      });
      return definition;
    }),
  );
}

/** Archives a definition: it leaves the account's KPI list and takes no measurements; its series stays. */
export async function archiveKpiDefinition(scope: Scope, id: string): Promise<KpiDefinition> {
  const { actor } = requireViewer(scope);
  return withConflictMapping(scope, id, () =>
    scope.em.transactional(async (em) => {
      const definition = await getWritableDefinition({ ...scope, em }, id);
      if (definition.archived) return definition;
      const before = snapshot(definition);
      definition.archived = true;
      recordAudit(em, {
        actorId: actor.id,
        entityType: 'KpiDefinition',
        entityId: definition.id,
        action: 'ARCHIVE',
        before,
        after: snapshot(definition),
      });
      return definition;
    }),
  );
}
