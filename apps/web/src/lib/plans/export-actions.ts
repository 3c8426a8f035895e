import type { Locale } from '@clave/domain';
import { actionStatusLabel } from '$lib/components/labels';
import { m } from '$lib/paraglide/messages';
import type { PlanDetail } from './documents';

/** Downloads the plan's actions as a CSV file written the way the person's language writes it. */
export async function exportPlanActions(plan: PlanDetail, locale: Locale): Promise<void> {
  // The CSV writer (papaparse) is loaded when someone exports, not with the screen.
  const { csvFileName, downloadCsv, toCsv } = await import('$lib/desk/csv');
  const text = toCsv(
    plan.actions,
    [
      { header: m.plan_csv_action(), value: (a) => a.title },
      { header: m.plan_csv_owner(), value: (a) => a.owner.name },
      { header: m.plan_csv_due(), value: (a) => a.dueDate },
      { header: m.plan_csv_status(), value: (a) => actionStatusLabel[a.status]() },
      { header: m.plan_csv_progress(), value: (a) => a.progress },
      { header: m.plan_csv_overdue(), value: (a) => (a.overdue ? m.plan_csv_yes() : m.plan_csv_no()) },
    ],
    locale,
  );
  downloadCsv(csvFileName(`${plan.account.name} ${plan.title}`), text);
}
