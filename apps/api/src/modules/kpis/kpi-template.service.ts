import {
  canAdminister,
  createKpiTemplateInput,
  kpiThresholdsConsistent,
  updateKpiTemplateInput,
} from '@clave/domain';
import { newId } from '../../db/ids.js';
import {
  assertVersion,
  conflictOnRace,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  validate,
} from '../../errors.js';
import { requireViewer } from '../accounts/account.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Scope } from '../auth/viewer.js';
import { KpiTemplate } from './kpi.entity.js';

/** The fields a template and a definition share, as stored; also what definitions copy. */
export const KPI_FIELDS = [
  'name',
  'unit',
  'direction',
  'frequency',
  'target',
  'amberThreshold',
  'redThreshold',
  'category',
  'description',
] as const;

export function kpiSnapshot(kpi: Record<(typeof KPI_FIELDS)[number], unknown>): Record<string, unknown> {
  return Object.fromEntries(KPI_FIELDS.map((f) => [f, kpi[f] ?? null]));
}

/** Templates are company-wide reference data: every signed-in user may read them. */
export async function listKpiTemplates(scope: Scope, includeInactive: boolean): Promise<KpiTemplate[]> {
  requireViewer(scope);
  return scope.em.find(KpiTemplate, includeInactive ? {} : { active: true }, {
    orderBy: { category: 'asc', name: 'asc', id: 'asc' },
  });
}

export async function loadKpiTemplates(
  scope: Scope,
  ids: readonly string[],
): Promise<(KpiTemplate | null)[]> {
  if (!scope.viewer) return ids.map(() => null);
  const found = await scope.em.find(KpiTemplate, { id: { $in: [...ids] } });
  const byId = new Map(found.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id) ?? null);
}

function requireAdmin(scope: Scope) {
  const { actor } = requireViewer(scope);
  if (!canAdminister(actor)) throw new ForbiddenError();
  return actor;
}

export async function createKpiTemplate(scope: Scope, input: unknown): Promise<KpiTemplate> {
  const actor = requireAdmin(scope);
  const data = validate(createKpiTemplateInput, input);
  return scope.em.transactional(async (em) => {
    const template = em.create(KpiTemplate, {
      id: newId(),
      name: data.name,
      unit: data.unit,
      direction: data.direction,
      frequency: data.frequency,
      target: data.target ?? null,
      amberThreshold: data.amberThreshold ?? null,
      redThreshold: data.redThreshold ?? null,
      category: data.category,
      description: data.description ?? null,
      active: true,
    });
    recordAudit(em, {
      actorId: actor.id,
      entityType: 'KpiTemplate',
      entityId: template.id,
      action: 'CREATE',
      after: { ...kpiSnapshot(template), active: true },
    });
    return template;
  });
}

/**
 * Changes a template. Definitions already made from it keep their own copy of the fields: a KAM's
 * tuned thresholds must not move because the company default did.
 */
export async function updateKpiTemplate(scope: Scope, id: string, input: unknown): Promise<KpiTemplate> {
  const actor = requireAdmin(scope);
  const data = validate(updateKpiTemplateInput, input);
  if (data.expectedVersion === undefined) throw ValidationError.field(['expectedVersion'], 'invalidInput');
  const expected = data.expectedVersion;
  return conflictOnRace(
    'KpiTemplate',
    () => scope.em.fork().findOne(KpiTemplate, { id }),
    () =>
      scope.em.transactional(async (em) => {
        const template = await em.findOne(KpiTemplate, id);
        if (!template) throw new NotFoundError('KpiTemplate');
        assertVersion('KpiTemplate', template, expected);
        const before = { ...kpiSnapshot(template), active: template.active };
        applyKpiChanges(template, data);
        if (data.active !== undefined) template.active = data.active;
        recordAudit(em, {
          actorId: actor.id,
          entityType: 'KpiTemplate',
          entityId: template.id,
          action: 'UPDATE',
          before,
          after: { ...kpiSnapshot(template), active: template.active },
        });
        return template;
      }),
  );
}

type KpiChanges = Partial<Record<(typeof KPI_FIELDS)[number], unknown>>;

/**
 * Applies the fields sent (null clears the nullable ones) and checks the thresholds of the result,
 * since a partial update may move only one of them or only the direction.
 */
export function applyKpiChanges<T extends Record<(typeof KPI_FIELDS)[number], unknown>>(
  kpi: T,
  changes: KpiChanges,
): void {
  for (const field of KPI_FIELDS) {
    const value = changes[field];
    if (value !== undefined) (kpi as Record<string, unknown>)[field] = value;
  }
  const k = kpi as unknown as {
    direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
    amberThreshold: number | null;
    redThreshold: number | null;
  };
  if (!kpiThresholdsConsistent(k.direction, k.amberThreshold, k.redThreshold)) {
    throw ValidationError.field(['redThreshold'], 'kpiThresholdOrder');
  }
}
