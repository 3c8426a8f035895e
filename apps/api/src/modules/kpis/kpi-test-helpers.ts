import type { Client, TestApp } from '../../../test/helpers.js';

/** Shared by the KPI test files: demo ids and the GraphQL documents they all use. */

export const ACCOUNT_IDS = `{ accounts(first: 100) { edges { node { id name } } } }`;

export const KPIS_OF_ACCOUNT = `query($id: ID!) {
  node(id: $id) { ... on Account { kpis { id name unit direction frequency target amberThreshold redThreshold version } } }
}`;

export const CREATE_DEFINITION = `mutation($input: CreateKpiDefinitionInput!) {
  createKpiDefinition(input: $input) {
    __typename
    ... on CreateKpiDefinitionSuccess {
      data { id name unit direction frequency target amberThreshold redThreshold category version template { name } }
    }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;

export const RECORD = `mutation($input: RecordKpiMeasurementsInput!) {
  recordKpiMeasurements(input: $input) {
    __typename
    ... on RecordKpiMeasurementsSuccess { data { stored created updated } }
    ... on Error { code message }
    ... on ValidationError { issues { path message } }
  }
}`;

export interface KpiRow {
  id: string;
  name: string;
  unit: string;
  direction: string;
  frequency: string;
  target: number | null;
  amberThreshold: number | null;
  redThreshold: number | null;
  version: number;
}

/** Demo account global ids by name (read as admin, who sees all). */
export async function accountIds(admin: Client): Promise<Record<string, string>> {
  const data = await admin.data<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    ACCOUNT_IDS,
  );
  return Object.fromEntries(data.accounts.edges.map((e) => [e.node.name, e.node.id]));
}

export async function kpisOf(client: Client, accountId: string): Promise<KpiRow[]> {
  const data = await client.data<{ node: { kpis: KpiRow[] } | null }>(KPIS_OF_ACCOUNT, { id: accountId });
  return data.node?.kpis ?? [];
}

/** A custom weekly KPI on `accountId`, created by `client`; returns its global id. */
export async function customKpi(
  client: Client,
  accountId: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const result = await client.data<{ createKpiDefinition: { __typename: string; data?: { id: string } } }>(
    CREATE_DEFINITION,
    {
      input: {
        accountId,
        name: 'Test KPI',
        unit: '%',
        direction: 'HIGHER_IS_BETTER',
        frequency: 'WEEKLY',
        category: 'Test',
        ...fields,
      },
    },
  );
  if (!result.createKpiDefinition.data) throw new Error(JSON.stringify(result.createKpiDefinition));
  return result.createKpiDefinition.data.id;
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.app.orm.em.fork().getConnection().execute(`select count(*) as n from ${table}`);
  return Number(row.n);
}
