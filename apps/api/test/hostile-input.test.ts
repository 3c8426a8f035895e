/**
 * Property tests through HTTP: the mutations a KAM's phone, a manager's desk and third parties
 * use, sent random, oversized, wrongly typed, unicode-heavy and injection-shaped input by KAMs, a
 * manager and the admin. Every answer is a clear GraphQL error or a typed error result — never a
 * 5xx nor a masked unexpected error — and a refused write leaves every table as it was (row counts,
 * the audit trail and a checksum of the rows).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  type GraphQLArgument,
  GraphQLEnumType,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  getNamedType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';
import { type Client, createTestApp, type TestApp } from './helpers.js';

/** Fixed so a failure can be replayed; fast-check prints the seed and the shrunk input. */
const SEED = Number(process.env.CLAVE_PROPERTY_SEED ?? 82_026); // another seed explores other inputs
const RUNS_PER_MUTATION = 30;

const MUTATIONS = [
  'createAccount',
  'updateAccount',
  'setAccountRevenue',
  'archiveAccount',
  'logVisit',
  'createStakeholder',
  'updateStakeholder',
  'createPlan',
  'updatePlan',
  'createObjective',
  'updateObjective',
  'createPlanAction',
  'updatePlanAction',
  'recordKpiMeasurements',
  'createKpiDefinition',
  'updateKpiDefinition',
  'createKpiTemplate',
  'createOpportunity',
  'updateOpportunity',
  'convertOpportunityToActions',
  'createResourceRequest',
  'decideResourceRequest',
  'updateAccountProfile',
];

/** Sessions and sign-in limits change with every request; they are not what a mutation writes. */
const UNWATCHED_TABLES = new Set(['session', 'rate_limit_bucket']);

let t: TestApp;
const clients: Record<string, Client> = {};
let ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['ana', 'luis', 'sofia', 'marta', 'admin']) clients[who] = await t.as(who);
  // Real global ids of every kind, so inputs also reach the services' own checks.
  const kinds: [string, string][] = [
    ['Account', 'account'],
    ['Stakeholder', 'stakeholder'],
    ['AccountPlan', 'account_plan'],
    ['Objective', 'objective'],
    ['PlanAction', 'plan_action'],
    ['KpiDefinition', 'kpi_definition'],
    ['KpiTemplate', 'kpi_template'],
    ['Opportunity', 'opportunity'],
    ['ResourceRequest', 'resource_request'],
    ['Visit', 'visit'],
    ['User', 'app_user'],
  ];
  const connection = t.app.orm.em.getConnection();
  for (const [type, table] of kinds) {
    const rows = await connection.execute<{ id: string }[]>(`select id from ${table} order by id limit 4`);
    ids.push(...rows.map((r: { id: string }) => Buffer.from(`${type}:${r.id}`).toString('base64')));
  }
  ids = [...new Set(ids)];
});
afterAll(() => t.close());

/** Watched tables that the statements wrote to (even if their transaction was rolled back). */
function writtenTables(statements: readonly string[]): string[] {
  const tables = new Set<string>();
  for (const sql of statements) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ORM's query log is colored
    const plain = sql.replace(/\x1b\[[0-9;]*m/g, '');
    const match = /\b(?:insert\s+into|update|delete\s+from)\s+[`"]?(\w+)/i.exec(plain);
    if (match?.[1] && !UNWATCHED_TABLES.has(match[1])) tables.add(match[1]);
  }
  return [...tables];
}

async function snapshot(): Promise<Record<string, string>> {
  const connection = t.app.orm.em.getConnection();
  const tables = (
    t.config.database.kind === 'sqlite'
      ? await connection.execute<{ name: string }[]>(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
      : await connection.execute<{ name: string }[]>(
          "select table_name as name from information_schema.tables where table_schema = 'public'",
        )
  )
    .map((r: { name: string }) => r.name)
    .filter((name: string) => !UNWATCHED_TABLES.has(name))
    .sort();
  const state: Record<string, string> = {};
  for (const table of tables) {
    const rows = await connection.execute<Record<string, unknown>[]>(`select * from "${table}"`);
    const lines = rows.map((row: Record<string, unknown>) => JSON.stringify(row)).sort();
    state[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
  }
  return state;
}

// ----- random input, typed by the schema's own input types -----

const INJECTION = [
  "'; DROP TABLE account; --",
  "Robert'); DELETE FROM visit; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}$' + '{7*7}', // template-injection probes
  '__proto__',
  '\u0000',
  '\u202Eevil',
  '\uD800',
  '🧀🐄'.repeat(200),
  'é'.normalize('NFD').repeat(300),
  ' \n\t ',
  '',
  'NaN',
  '2026-02-30',
  '2026-11-27',
  '2026-11-27T10:00:00Z',
  '1970-01-01T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  'https://example.com',
  '3f1c2b8e-9a4d-4c6e-8f21-7b5d0e9a1c34',
];
const hostileString = fc.oneof(
  fc.constantFrom(...INJECTION),
  fc.constantFrom(
    'Visita de seguimiento',
    'Reunión con compras',
    'Ana García',
    'Plan 2027',
    'Q1',
    'Lote navideño',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('x'.repeat(201), 'x'.repeat(20_001), 'y'.repeat(300_000)),
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1.5, 1e308),
);

/**
 * Values for `type`. Well-typed values (the default) get past GraphQL's own coercion and reach the
 * services' validation and rules; `wild` ones also break the types (nulls, wrong kinds, missing
 * required fields), which GraphQL must refuse cleanly.
 */
function arbitraryFor(type: GraphQLInputType, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(jsonValue, hostileString);
  const maybeWrong = (right: fc.Arbitrary<unknown>) =>
    wild ? fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: wrongType }) : right;
  if (type instanceof GraphQLNonNull) {
    const inner = arbitraryFor(type.ofType, wild, depth);
    return wild
      ? fc.oneof({ weight: 8, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) })
      : inner;
  }
  if (type instanceof GraphQLList) {
    const item = arbitraryFor(type.ofType, wild, depth + 1);
    return maybeWrong(fc.array(item, { maxLength: 4 }));
  }
  if (type instanceof GraphQLEnumType)
    return maybeWrong(fc.constantFrom(...type.getValues().map((v) => v.name)));
  if (type instanceof GraphQLInputObjectType) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(type.getFields());
    const required = fields.filter((f) => f.type instanceof GraphQLNonNull).map((f) => f.name);
    const record = fc.record(
      Object.fromEntries(fields.map((f) => [f.name, arbitraryFor(f.type, wild, depth + 1)])),
      {
        requiredKeys: wild ? [] : required,
      },
    );
    return maybeWrong(record);
  }
  if (type instanceof GraphQLScalarType) return maybeWrong(scalarFor(type.name));
  return jsonValue;
}

function scalarFor(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: hostileString },
        { weight: 1, arbitrary: hostileString.map((s) => Buffer.from(`Account:${s}`).toString('base64')) },
      );
    case 'Int': // GraphQL's Int is 32-bit: larger ones are the wild mode's wrong types
      return fc.oneof(
        fc.integer({ min: -5, max: 400 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
      );
    case 'Float':
      return fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: -1000, max: 1_000_000 }),
        fc.constantFrom(0.1 + 0.2, 1e21, -1e300, 99_999_999_999_999.98, 5e-324),
      );
    case 'Boolean':
      return fc.boolean();
    case 'String':
      return hostileString;
    case 'DateTime':
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc
            .date({ min: new Date('2025-06-01'), max: new Date(), noInvalidDate: true })
            .map((d) => d.toISOString()),
        },
        fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
        hostileString,
      );
    default:
      return fc.oneof(hostileString, jsonValue);
  }
}

const mutationType = schema.getMutationType();
const errorInterface = schema.getType('Error');
const errorTypes = new Set(
  errorInterface instanceof GraphQLInterfaceType
    ? schema.getImplementations(errorInterface).objects.map((o) => o.name)
    : [],
);

function operationFor(field: string): { query: string; args: readonly GraphQLArgument[] } {
  const definition = mutationType?.getFields()[field];
  if (!definition) throw new Error(`no mutation ${field}`);
  const args = definition.args;
  const variables = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(definition.type);
  const selection =
    'getFields' in named || 'getTypes' in named ? '{ __typename ... on Error { code message } }' : '';
  return {
    query: `mutation Hostile${args.length ? `(${variables})` : ''} { result: ${field}${args.length ? `(${passed})` : ''} ${selection} }`,
    args,
  };
}

interface Answer {
  status: number;
  body: {
    data?: { result?: { __typename?: string; code?: string; message?: string } | null } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

async function send(client: Client, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const result = await client.gql(query, variables);
  return {
    status: result.status,
    body: { data: result.data as Answer['body']['data'], errors: result.errors },
  };
}

describe('mutations under hostile input', () => {
  let baseline: Record<string, string>;
  beforeAll(async () => {
    baseline = await snapshot();
  });

  it.each(MUTATIONS)('%s answers with a clear error and changes nothing, or succeeds', async (field) => {
    const { query, args } = operationFor(field);
    const variablesFor = (wild: boolean) =>
      fc.record(Object.fromEntries(args.map((a) => [a.name, arbitraryFor(a.type, wild)])), {
        requiredKeys: wild ? [] : args.filter((a) => a.type instanceof GraphQLNonNull).map((a) => a.name),
      });
    const variablesArb = fc.oneof(
      { weight: 4, arbitrary: variablesFor(false) },
      { weight: 1, arbitrary: variablesFor(true) },
    );
    const clientArb = fc.constantFrom(...Object.keys(clients));
    await fc.assert(
      fc.asyncProperty(clientArb, variablesArb, async (who, variables) => {
        const client = clients[who] as Client;
        t.resetQueries();
        const { status, body } = await send(client, query, variables);
        const wrote = writtenTables(t.queries);
        expect(status, JSON.stringify(body)).toBeLessThan(500);
        for (const error of body.errors ?? []) {
          expect(error.extensions?.code, JSON.stringify(body)).not.toBe('INTERNAL_SERVER_ERROR');
          expect(error.message).not.toBe('Unexpected error.');
          expect(error.message.length).toBeGreaterThan(0);
        }
        const result = body.data?.result;
        const succeeded = !body.errors?.length && result && !errorTypes.has(result.__typename ?? '');
        if (result && errorTypes.has(result.__typename ?? '')) {
          expect(result.message?.length, JSON.stringify(result)).toBeGreaterThan(0);
        }
        // Rows change only through INSERT/UPDATE/DELETE: without one, the database is as it was.
        if (wrote.length === 0) return;
        const after = await snapshot();
        if (succeeded) {
          baseline = after; // an accepted write may change data; the next refusal is compared to it
        } else {
          expect(
            after,
            `${who}: ${JSON.stringify(variables).slice(0, 500)} → ${JSON.stringify(body).slice(0, 500)}`,
          ).toEqual(baseline);
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_MUTATION, endOnFailure: true },
    );
    // And, not trusting the statement log alone: every table as after the last accepted write.
    expect(await snapshot()).toEqual(baseline);
  });
});

describe('global ids around something that is not an object id', () => {
  it('answer like a missing object on node and nodes, and as a validation error in mutations', async () => {
    const ana = clients.ana as Client;
    const junk = ['Account:junk', "Account:1' OR '1'='1", 'Visit:🧀', 'Account:00000000'].map((raw) =>
      Buffer.from(raw).toString('base64'),
    );
    const nodes = await ana.gql<{ nodes: unknown[] }>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: junk,
    });
    expect(nodes.errors).toBeUndefined();
    expect(nodes.data?.nodes).toEqual([null, null, null, null]);
    const archived = await ana.gql<{ archiveAccount: { __typename: string } }>(
      'mutation($id: ID!) { archiveAccount(id: $id) { __typename } }',
      { id: junk[0] },
    );
    expect(archived.data?.archiveAccount.__typename).toBe('ValidationError');
  });
});
