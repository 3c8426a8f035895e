// The yardstick: the account page's data read with plain SQL by a bare `node:http` handler, through
// the same drivers as the API (better-sqlite3, pg) and the same domain math (relationship health,
// KPI trends), with the same sign-in check (session cookie → user) and the same row-level rule (the
// KAM's own or supported accounts, the manager's team's, every account for an admin). What the
// GraphQL server costs on top of this is the price of GraphQL, the ORM and the per-request context.
//
//   DATABASE_URL=… PORT=… tsx bench/src/raw-server.ts
//   POST /account-page  {"id": "<account uuid>", "year": 2025}   (cookie: clave_session=…)
// Answers the page as JSON, with the number of SQL statements in the `x-sql-statements` header.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HEALTH_TREND_DAYS } from '../../apps/api/src/modules/portfolio/health.service.js';
import {
  ACCEPTANCE_VISITS,
  type ActionStatus,
  type KpiDirection,
  type KpiFrequency,
  kpiTrend,
  relationshipHealth,
  shareDenominator,
} from '../../packages/domain/src/index.js';
import { openSql } from './databases.js';

const DAY = 86_400_000;
/** As the API: health weighs the visits of the last 540 days; trends read a year of history. */
const VISIT_LOOKBACK_DAYS = 540;
const KPI_HISTORY_DAYS = 800;

const url = process.env.DATABASE_URL ?? '';
const postgres = /^postgres(ql)?:\/\//.test(url);
const sql = openSql(
  postgres
    ? { dialect: 'postgres', database: { kind: 'postgresql', url } }
    : { dialect: 'sqlite', database: { kind: 'sqlite', path: url.replace(/^file:/, '') } },
);

/** Instants as each database stores them: epoch ms on SQLite, timestamptz on PostgreSQL. */
const instant = (ms: number): number | Date => (postgres ? new Date(ms) : ms);
const toMs = (value: unknown): number | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : Number.isNaN(Number(value))
          ? Date.parse(String(value))
          : Number(value);
const iso = (value: unknown) => {
  const ms = toMs(value);
  return ms === null ? null : new Date(ms).toISOString();
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

type Row = Record<string, unknown>;

async function accountPage(cookie: string | undefined, id: string, year: number) {
  let statements = 0;
  const q = async (text: string, params: readonly unknown[]): Promise<Row[]> => {
    statements++;
    return sql.query<Row>(text, params);
  };
  const token = cookie?.match(/(?:^|;\s*)clave_session=([^;]+)/)?.[1];
  if (!token) return { status: 401, statements, body: { error: 'not signed in' } };
  const [session] = await q(
    `select u.id as user_id, u.role, u.active, s.expires_at from session s
       join app_user u on u.id = s.user_id where s.token_hash = ?`,
    [createHash('sha256').update(token).digest('hex')],
  );
  const now = Date.now();
  if (!session?.active || (toMs(session.expires_at) ?? 0) <= now) {
    return { status: 401, statements, body: { error: 'not signed in' } };
  }
  const userId = session.user_id;
  const [account] = await q(
    `select a.id, a.name, a.segment, a.tier, a.status, a.visit_cadence_days, o.id as owner_id, o.name as owner_name
       from account a join app_user o on o.id = a.owner_id
      where a.id = ? and (? = 'ADMIN' or a.owner_id = ?
        or exists (select 1 from account_supporter s where s.account_id = a.id and s.user_id = ?)
        or o.team_id in (select t.id from team t where t.manager_id = ?))`,
    [id, session.role, userId, userId, userId],
  );
  if (!account) return { status: 404, statements, body: { node: null } };
  const today = isoDay(now);
  const cut = Math.floor((now - HEALTH_TREND_DAYS * DAY) / DAY) * DAY + DAY;
  const [
    revenue,
    healthVisits,
    lastVisits,
    visitCount,
    plan,
    definitions,
    stakeholders,
    opportunities,
    profile,
  ] = await Promise.all([
    q(
      // As the API: the share is of the company's total revenue of the year when set
      // (shareDenominator), otherwise of every key account's revenue.
      `select (select amount from account_revenue where account_id = ? and year = ?) as amount,
                (select sum(amount) from account_revenue where year = ?) as total,
                (select total_revenue from company_revenue where year = ?) as company`,
      [id, year, year, year],
    ),
    // As the API: the latest few visits before the trend's day, and every visit since.
    q(
      `select occurred_at, acceptance from (
         select occurred_at, acceptance, row_number() over (order by occurred_at desc) as n
           from visit where account_id = ? and occurred_at >= ? and occurred_at < ?
       ) earlier where n <= ?
       union all
       select occurred_at, acceptance from visit where account_id = ? and occurred_at >= ?`,
      [id, instant(now - VISIT_LOOKBACK_DAYS * DAY), instant(cut), ACCEPTANCE_VISITS, id, instant(cut)],
    ),
    q(
      'select id, occurred_at, purpose, acceptance, kind from visit where account_id = ? order by occurred_at desc limit 5',
      [id],
    ),
    q('select count(*) as n from visit where account_id = ?', [id]),
    q('select id, title, start_month, horizon_months from account_plan where active_account_id = ?', [id]),
    q(
      `select id, name, unit, archived, target, direction, frequency, amber_threshold, red_threshold
           from kpi_definition where account_id = ? and archived = ? order by name`,
      [id, postgres ? false : 0],
    ),
    q(
      `select s.id, s.name, s.title, s.decision_role, s.attitude,
                (select max(v.occurred_at) from visit_stakeholder vs join visit v on v.id = vs.visit_id
                  where vs.stakeholder_id = s.id) as last_contact
           from stakeholder s where s.account_id = ? and s.archived_at is null order by s.name`,
      [id],
    ),
    q(
      'select id, title, stage, probability, estimated_revenue from opportunity where account_id = ? order by title',
      [id],
    ),
    q(
      `select current_needs, future_needs, objectives, fears, threats, mission
           from account_profile where account_id = ?`,
      [id],
    ),
  ]);
  const activePlan = plan[0];
  const definitionIds = definitions.map((d) => d.id);
  const [actions, measurements] = await Promise.all([
    activePlan
      ? q(
          `select pa.id, pa.title, pa.due_date, pa.status, pa.progress, pa.completed_at, u.id as owner_id, u.name as owner_name
             from plan_action pa join app_user u on u.id = pa.owner_id where pa.plan_id = ? order by pa.due_date, pa.id`,
          [activePlan.id],
        )
      : Promise.resolve([] as Row[]),
    definitionIds.length
      ? q(
          `select definition_id, period_start, value from kpi_measurement
            where definition_id in (${definitionIds.map(() => '?').join(', ')}) and period_start >= ?`,
          [...definitionIds, isoDay(now - KPI_HISTORY_DAYS * DAY)],
        )
      : Promise.resolve([] as Row[]),
  ]);

  // --- the same derived figures as the API, from the same domain functions --------------------
  const cadence = Number(account.visit_cadence_days);
  const healthInput = {
    visits: healthVisits.map((v) => ({
      date: isoDay(toMs(v.occurred_at) ?? 0),
      acceptance: Number(v.acceptance),
    })),
    visitCadenceDays: cadence,
    actions: actions.map((a) => ({
      dueDate: String(a.due_date),
      status: a.status as ActionStatus,
      completedAt: iso(a.completed_at),
    })),
  };
  const health = relationshipHealth({ ...healthInput, today });
  const earlier = relationshipHealth({ ...healthInput, today: isoDay(now - HEALTH_TREND_DAYS * DAY) });
  const lastVisitMs = toMs(lastVisits[0]?.occurred_at);
  const daysSinceLastVisit = lastVisitMs === null ? null : Math.floor((now - lastVisitMs) / DAY);
  const open = actions.filter(
    (a) => a.status === 'PLANNED' || a.status === 'IN_PROGRESS' || a.status === 'BLOCKED',
  );
  const overdue = open.filter((a) => String(a.due_date) < today);
  const done = actions.filter((a) => a.status === 'DONE');
  const byDefinition = new Map<unknown, { periodStart: string; value: number }[]>();
  for (const m of measurements) {
    const list = byDefinition.get(m.definition_id) ?? [];
    list.push({ periodStart: String(m.period_start), value: Number(m.value) });
    byDefinition.set(m.definition_id, list);
  }
  const total = num(revenue[0]?.total);
  const amount = num(revenue[0]?.amount);
  const denominator = total === null ? null : shareDenominator(total, num(revenue[0]?.company)).value;
  const body = {
    node: {
      id: account.id,
      name: account.name,
      segment: account.segment,
      tier: account.tier,
      status: account.status,
      visitCadenceDays: cadence,
      revenueShare: denominator && amount !== null ? amount / denominator : null,
      owner: { id: account.owner_id, name: account.owner_name },
      health: {
        score: health.score,
        trend: health.score !== null && earlier.score !== null ? health.score - earlier.score : null,
        reasons: health.reasons.map((r) => ({ code: r.code, params: r.params, impact: r.impact })),
      },
      visitCoverage: {
        overdue: daysSinceLastVisit === null || daysSinceLastVisit > cadence,
        daysSinceLastVisit,
        lastVisitAt: lastVisitMs === null ? null : new Date(lastVisitMs).toISOString(),
        cadenceDays: cadence,
      },
      planExecution: {
        open: open.length,
        overdue: overdue.length,
        done: done.length,
        blocked: actions.filter((a) => a.status === 'BLOCKED').length,
        total: actions.length,
      },
      kpis: definitions.map((d) => {
        const trend = kpiTrend(
          {
            frequency: d.frequency as KpiFrequency,
            direction: d.direction as KpiDirection,
            target: num(d.target),
            amberThreshold: num(d.amber_threshold),
            redThreshold: num(d.red_threshold),
          },
          byDefinition.get(d.id) ?? [],
          { months: 12, today },
        );
        return {
          id: d.id,
          name: d.name,
          unit: d.unit,
          archived: Boolean(d.archived),
          target: num(d.target),
          latest: trend.latest && { ...trend.latest, status: trend.status },
          trend: { status: trend.status, points: trend.points },
        };
      }),
      activePlan: activePlan && {
        id: activePlan.id,
        title: activePlan.title,
        startMonth: activePlan.start_month,
        horizonMonths: activePlan.horizon_months,
        actions: actions.map((a) => ({
          id: a.id,
          title: a.title,
          dueDate: a.due_date,
          status: a.status,
          progress: a.progress,
          overdue: overdue.includes(a),
          owner: { id: a.owner_id, name: a.owner_name },
        })),
      },
      visits: {
        totalCount: Number(visitCount[0]?.n ?? 0),
        edges: lastVisits.map((v) => ({ node: { ...v, occurred_at: iso(v.occurred_at) } })),
      },
      stakeholders: stakeholders.map((s) => ({ ...s, last_contact: iso(s.last_contact) })),
      opportunities: opportunities.map((o) => ({ ...o, estimated_revenue: num(o.estimated_revenue) })),
      profile: profile[0] ?? null,
    },
  };
  return { status: 200, statements, body };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, statements = 0) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-sql-statements': String(statements),
  });
  response.end(text);
}

const server = createServer(async (request, response) => {
  const started = process.hrtime.bigint();
  // The client's request id echoed, and one log line per request with it and the time until the
  // answer was ready, as the API does (the bench reads both).
  const given = request.headers['x-request-id'];
  const requestId = typeof given === 'string' ? given : randomUUID();
  response.setHeader('x-request-id', requestId);
  const answer = (status: number, body: unknown, statements = 0) => {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    process.stdout.write(`${JSON.stringify({ msg: 'request', requestId, durationMs })}\n`);
    send(response, status, body, statements);
  };
  try {
    if (request.url === '/ready') return answer(200, { status: 'ready' });
    if (request.method !== 'POST' || request.url !== '/account-page')
      return answer(404, { error: 'Not found' });
    const input = JSON.parse(await readBody(request)) as { id?: unknown; year?: unknown };
    if (typeof input.id !== 'string' || !Number.isInteger(input.year)) {
      return answer(400, { error: 'id (string) and year (integer) are required' });
    }
    const page = await accountPage(request.headers.cookie, input.id, input.year as number);
    answer(page.status, page.body, page.statements);
  } catch (error) {
    console.error(error);
    answer(500, { error: 'internal error' });
  }
});

server.listen(Number(process.env.PORT ?? 3100), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => void sql.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
