import { ACCOUNT_TIERS, type AccountTier } from '@clave/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../../errors.js';
import { builder } from '../../graphql/builder.js';
import { orGraphQLError } from '../../graphql/errors.js';
import { decodeId } from '../../graphql/ids.js';
import { AccountRef } from '../accounts/account.graphql.js';
import { PlanRef } from '../plans/plan.graphql.js';
import { PlanActionRef } from '../plans/plan-action.graphql.js';
import type { Team } from '../users/user.entity.js';
import { UserRef } from '../users/user.graphql.js';
import { VisitRef } from '../visits/visit.graphql.js';
import {
  acceptanceByMonth,
  blockedActions,
  type ConcentrationYear,
  concentrationHistory,
  DESK_MAX_VISITS,
  type Desk,
  type DeskFilter,
  deskOwners,
  deskTeams,
  type EndingPlan,
  executionByKam,
  type KamExecution,
  openDesk,
  plansEndingWithoutSuccessor,
  recentVisits,
  type VisitMonth,
  visitsByKamMonth,
} from './desk.service.js';
import { ConcentrationClassEnum, PortfolioAccountRef, ShareDenominatorEnum } from './portfolio.graphql.js';

const DeskTeamRef = builder.objectRef<Team>('DeskTeam').implement({
  description: 'A team of KAMs, as a choice of the desk team filter.',
  fields: (t) => ({
    id: t.id({
      description: 'Global id of the team (pass it as DeskFilter.teamId).',
      resolve: (team) => encodeGlobalID('Team', team.id),
    }),
    name: t.exposeString('name', { description: 'Team name.' }),
  }),
});

const KamExecutionRef = builder.objectRef<KamExecution>('KamExecution').implement({
  description: "How one KAM's active plans are being carried out, over the desk's accounts they own.",
  fields: (t) => ({
    kam: t.field({ type: UserRef, description: 'The KAM (owner of the accounts).', resolve: (e) => e.kam }),
    accounts: t.exposeInt('accounts', { description: 'Accounts of this KAM on the desk.' }),
    total: t.exposeInt('total', { description: 'Actions in their active plans (cancelled left out).' }),
    done: t.exposeInt('done', { description: 'Actions done.' }),
    doneOnTime: t.exposeInt('doneOnTime', { description: 'Actions done by their due date.' }),
    open: t.exposeInt('open', { description: 'Actions not done yet.' }),
    onTrack: t.exposeInt('onTrack', { description: 'Open actions not past their due date.' }),
    overdue: t.exposeInt('overdue', { description: 'Open actions past their due date.' }),
    blocked: t.exposeInt('blocked', { description: 'Actions marked BLOCKED.' }),
    overdueShare: t.float({
      nullable: true,
      description: 'Overdue actions over open actions, 0 to 1: how much the plans slip; null with none open.',
      resolve: (e) => e.overdueShare,
    }),
    onTimeShare: t.float({
      nullable: true,
      description:
        'Done actions completed by their due date over all done actions, 0 to 1; null with none done.',
      resolve: (e) => e.onTimeShare,
    }),
  }),
});

const EndingPlanRef = builder.objectRef<EndingPlan>('EndingPlan').implement({
  description: 'An ACTIVE plan near (or past) the end of its horizon with no successor plan drafted yet.',
  fields: (t) => ({
    plan: t.field({ type: PlanRef, description: 'The plan.', resolve: (e) => e.plan }),
    endDate: t.exposeString('endDate', { description: "Last day of the plan's horizon, 'YYYY-MM-DD'." }),
    daysLeft: t.exposeInt('daysLeft', { description: 'Days from today to the end (negative once ended).' }),
  }),
});

const VisitMonthRef = builder.objectRef<VisitMonth>('VisitMonth').implement({
  description: 'Visits in one calendar month (UTC) and the average acceptance the clients gave.',
  fields: (t) => ({
    kam: t.field({
      type: UserRef,
      nullable: true,
      description:
        'Who logged the visits; null on rows over all KAMs, and for a user the caller may not see.',
      resolve: (v, _args, ctx) => (v.kamId ? UserRef.getDataloader(ctx).load(v.kamId) : null),
    }),
    month: t.exposeString('month', { description: "The month, 'YYYY-MM'." }),
    visits: t.exposeInt('visits', { description: 'Visits logged in the month.' }),
    averageAcceptance: t.exposeFloat('averageAcceptance', {
      description: 'Average acceptance of those visits, 1 to 5.',
    }),
  }),
});

const ConcentrationYearRef = builder.objectRef<ConcentrationYear>('ConcentrationYear').implement({
  description: "One year of the company's revenue concentration, with the desk's accounts in it.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Calendar year.' }),
    totalRevenue: t.float({
      description: 'Company revenue from all key accounts in the year.',
      resolve: (y) => y.concentration.total,
    }),
    companyRevenue: t.float({
      description:
        "What the year's shares, HHI and alerts are of: the company's total revenue when set, otherwise the key accounts' sum.",
      resolve: (y) => y.concentration.denominator,
    }),
    shareDenominator: t.field({
      type: ShareDenominatorEnum,
      description: "Whether companyRevenue is the company total or the key accounts' sum.",
      resolve: (y) => y.concentration.denominatorKind,
    }),
    hhi: t.float({
      nullable: true,
      description:
        'Herfindahl–Hirschman index over the whole company (shares of companyRevenue), 0–10,000; null without revenue.',
      resolve: (y) => y.concentration.hhi,
    }),
    concentration: t.field({
      type: ConcentrationClassEnum,
      nullable: true,
      description: 'The HHI band.',
      resolve: (y) => y.concentration.classification,
    }),
    accounts: t.field({
      type: [PortfolioAccountRef],
      description: "The desk's accounts with revenue in the year, largest first, with company-wide shares.",
      resolve: (y) => [...y.accounts],
    }),
  }),
});

const DeskRef = builder.objectRef<Desk>('Desk').implement({
  // The desk reads plans, visits and revenue: session users (all scopes) or tokens with these.
  authScopes: { tokenScope: 'read:accounts' },
  description:
    "The manager's desk: the viewer's accounts narrowed by the filter, and the aggregates of the desk " +
    'screens, each computed for all those accounts at once.',
  fields: (t) => ({
    teams: t.field({
      type: [DeskTeamRef],
      description: "Teams owning the viewer's accounts (the team filter's choices), by name.",
      resolve: (d) => deskTeams(d),
    }),
    owners: t.field({
      type: [UserRef],
      description: "Owners of the viewer's accounts (the KAM filter's choices), by name.",
      resolve: (d) => deskOwners(d),
    }),
    accounts: t.field({
      type: [AccountRef],
      description: 'The active accounts the viewer may see that match the filter, by name.',
      resolve: (d) => [...d.accounts],
    }),
    executionByKam: t.field({
      type: [KamExecutionRef],
      authScopes: { tokenScope: 'read:plans' },
      description: 'Active-plan execution per KAM, the highest overdue share first.',
      resolve: (d, _args, ctx) => orGraphQLError(ctx.locale, () => executionByKam(d)),
    }),
    blockedActions: t.field({
      type: [PlanActionRef],
      authScopes: { tokenScope: 'read:plans' },
      description: 'BLOCKED actions of the active plans, soonest due first (their notes are in `updates`).',
      resolve: (d, _args, ctx) => orGraphQLError(ctx.locale, () => blockedActions(d)),
    }),
    plansEndingWithoutSuccessor: t.field({
      type: [EndingPlanRef],
      authScopes: { tokenScope: 'read:plans' },
      description: 'ACTIVE plans ending within `withinDays` (or already ended) with no successor drafted.',
      args: {
        withinDays: t.arg.int({ description: 'Days ahead to look, 0–366 (default 90).' }),
      },
      resolve: (d, { withinDays }, ctx) =>
        orGraphQLError(ctx.locale, () => plansEndingWithoutSuccessor(d, withinDays ?? 90)),
    }),
    visitsByKamMonth: t.field({
      type: [VisitMonthRef],
      authScopes: { tokenScope: 'read:visits' },
      description: 'Visits per KAM and month over the last `months` months (months without visits left out).',
      args: {
        months: t.arg.int({ description: 'Months back, counting the current one, 1–36 (default 12).' }),
      },
      resolve: (d, { months }, ctx) => orGraphQLError(ctx.locale, () => visitsByKamMonth(d, months ?? 12)),
    }),
    acceptanceByMonth: t.field({
      type: [VisitMonthRef],
      authScopes: { tokenScope: 'read:visits' },
      description: 'Visits and average acceptance per month over all KAMs, last `months` months.',
      args: {
        months: t.arg.int({ description: 'Months back, counting the current one, 1–36 (default 12).' }),
      },
      resolve: (d, { months }, ctx) => orGraphQLError(ctx.locale, () => acceptanceByMonth(d, months ?? 12)),
    }),
    visits: t.field({
      type: [VisitRef],
      authScopes: { tokenScope: 'read:visits' },
      description: `Visits on the desk's accounts in the last \`months\` months, newest first (at most ${DESK_MAX_VISITS}).`,
      args: {
        months: t.arg.int({ description: 'Months back, counting the current one, 1–36 (default 3).' }),
      },
      resolve: (d, { months }, ctx) => orGraphQLError(ctx.locale, () => recentVisits(d, months ?? 3)),
    }),
    dependencyThresholds: t.floatList({
      description:
        'Shares of company revenue (0 to 1) at which one account raises a dependency alert, ascending.',
      resolve: (_d, _args, ctx) => [...ctx.config.dependencyThresholds].sort((a, b) => a - b),
    }),
    concentrationHistory: t.field({
      type: [ConcentrationYearRef],
      nullable: true,
      description:
        'Revenue concentration of every year on record, oldest first (HHI company-wide; accounts narrowed ' +
        'to the desk). Null for KAMs.',
      resolve: (d, _args, ctx) =>
        orGraphQLError(ctx.locale, () => concentrationHistory(d, ctx.config.dependencyThresholds)),
    }),
  }),
});

const DeskFilterInput = builder.inputType('DeskFilter', {
  description: 'Narrows the desk. Every part is optional; together they all apply.',
  fields: (t) => ({
    teamId: t.id({ description: 'Global id of a team (from `desk.teams`): accounts owned by its KAMs.' }),
    ownerId: t.id({ description: 'Global id of the owning user.' }),
    // The AccountTier enum of the accounts module, by name (its ref is private to that module).
    tier: t.field({ type: 'AccountTier' as never, description: 'Only accounts of this tier.' }),
  }),
});

function decodeFilter(filter: { teamId?: string | null; ownerId?: string | null; tier?: string | null }) {
  const out: { teamId?: string; ownerId?: string; tier?: AccountTier } = {};
  if (filter.teamId) out.teamId = decodeId(filter.teamId, 'Team', ['filter', 'teamId']);
  if (filter.ownerId) out.ownerId = decodeId(filter.ownerId, 'User', ['filter', 'ownerId']);
  if (filter.tier) {
    if (!(ACCOUNT_TIERS as readonly string[]).includes(filter.tier)) {
      throw ValidationError.field(['filter', 'tier'], 'invalidInput');
    }
    out.tier = filter.tier as AccountTier;
  }
  return out satisfies DeskFilter;
}

builder.queryField('desk', (t) =>
  t.field({
    type: DeskRef,
    description:
      "The manager's desk over the accounts the caller may see (a manager's team, everything for an admin, " +
      "a KAM's own): execution, coverage, concentration. A filter naming what the caller cannot see gives an empty desk.",
    authScopes: { tokenScope: 'read:accounts' },
    args: { filter: t.arg({ type: DeskFilterInput, description: 'Team, KAM and tier to narrow to.' }) },
    resolve: (_root, { filter }, ctx) =>
      orGraphQLError(ctx.locale, async () => {
        const desk = await openDesk(ctx, decodeFilter(filter ?? {}));
        // The desk's accounts are loaded and authorized already: the rows' nested `account` fields
        // reuse them instead of loading them again (in one batch or two, depending on when each
        // row resolves, which made the statement count vary from run to run on PostgreSQL).
        const loader = AccountRef.getDataloader(ctx);
        for (const account of desk.visible) loader.prime(account.id, account);
        return desk;
      }),
  }),
);
