// The random run of the fault-injection test: several devices write through the fault proxy while
// the API is killed now and then; then every outbox is drained and the server's data reconciled
// with what the outboxes reported.
import { refreshVersions, serverMessage, summaryOfEntries } from './checks';
import { Device } from './device';
import type { Environment } from './environment';
import { signIn } from './graphql';
import { type Before, readActions, readKpiValues, readPlanTitles, readVisits, reconcile } from './reconcile';
import {
  makeActionUpdate,
  makeKpiValues,
  makeVisit,
  readAccounts,
  type SentWrite,
  seededRandom,
  type Workload,
  workloadFor,
} from './scenario';

/** Share of writes made invalid on purpose. */
const INVALID_RATE = 0.03;
/** How long a device waits for an answer before counting the request as lost. */
export const DEVICE_TIMEOUT_MS = 4000;

const DEVICES = [
  { name: 'ana-phone', user: 'ana', locale: 'en' },
  { name: 'ana-tablet', user: 'ana', locale: 'es' },
  { name: 'luis-phone', user: 'luis', locale: 'es' },
  { name: 'luis-tablet', user: 'luis', locale: 'en' },
  { name: 'sofia-phone', user: 'sofia', locale: 'en' },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Counters {
  made: Record<SentWrite['kind'], number>;
  invalid: number;
  conflicts: number;
  keptMine: number;
  discarded: number;
  offlineSpells: number;
  unauthenticated: number;
  directKills: number;
}

export interface RunOptions {
  seed: number;
  /** Writes made in all, across the devices. */
  writes: number;
  /** SIGKILLs of the API, half of them right after it answered a write. */
  kills: number;
  /** When the run must give up and report the outboxes' state. */
  deadline: number;
}

export interface RunResult {
  problems: string[];
  summary: string;
}

/** The random run: devices write through faults, then everything is drained and reconciled. */
export async function runRandomScenario(env: Environment, options: RunOptions): Promise<RunResult> {
  const { seed, writes, kills, deadline } = options;
  const started = Date.now();
  const progress = (what: string) =>
    console.log(`fault injection ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
  const { api, proxy, proxyUrl, restart } = env;
  progress(`API up on ${env.databaseKind}`);
  const admin = await signIn(api.url, 'admin');
  const accounts = await readAccounts(admin);
  const devices: Device[] = [];
  const work = new Map<Device, Workload>();
  const randoms = new Map<Device, () => number>();
  for (const [i, spec] of DEVICES.entries()) {
    const random = seededRandom(seed + 7919 * (i + 1));
    const session = await signIn(api.url, spec.user, spec.locale);
    const device = await Device.create({
      ...spec,
      session,
      proxyUrl,
      random,
      timeoutMs: DEVICE_TIMEOUT_MS,
    });
    const workload = workloadFor(spec.user, i, accounts, random);
    // The phone's screen shows the version its update was made over; an applied update moves it.
    device.outbox.onApplied((entry, data) => {
      const version = (data as { version?: unknown } | null)?.version;
      const actionId = entry.variables.id as string;
      if (entry.kind === 'updatePlanAction' && typeof version === 'number')
        workload.actions.set(actionId, Math.max(version, workload.actions.get(actionId) ?? 0));
    });
    devices.push(device);
    work.set(device, workload);
    randoms.set(device, random);
  }
  const actionIds = [...new Set([...work.values()].flatMap((w) => [...w.actions.keys()]))];
  const before: Before = {
    visitIds: new Set((await readVisits(admin, accounts)).keys()),
    actions: await readActions(admin, actionIds),
    planTitles: await readPlanTitles(admin, accounts),
  };

  const sent = new Map<string, SentWrite>();
  const discarded = new Set<string>();
  const problems: string[] = [];
  const counters: Counters = {
    made: { logVisit: 0, updatePlanAction: 0, recordKpiMeasurements: 0 },
    invalid: 0,
    conflicts: 0,
    keptMine: 0,
    discarded: 0,
    offlineSpells: 0,
    unauthenticated: 0,
    directKills: 0,
  };

  /** The user looks at a conflict and picks: mostly their own version, sometimes the server's. */
  const resolveConflicts = async (device: Device) => {
    const random = randoms.get(device) as () => number;
    const workload = work.get(device) as Workload;
    if (device.outbox.paused) {
      // The session never ends in this test: a pause would mean the server lost it.
      counters.unauthenticated++;
      device.outbox.resume();
    }
    for (const entry of device.byState('conflict')) {
      counters.conflicts++;
      try {
        if (entry.kind === 'updatePlanAction' && entry.conflict) {
          workload.actions.set(entry.variables.id as string, entry.conflict.currentVersion);
          if (random() < 0.7) {
            await device.outbox.keepMine(entry.id);
            counters.keptMine++;
            continue;
          }
        } else {
          problems.push(`${device.name}: unexpected ${entry.kind} conflict on ${entry.id}`);
        }
        await device.outbox.discard(entry.id);
        discarded.add(entry.id);
        counters.discarded++;
      } catch (error) {
        // Resolved meanwhile by an earlier look at the same list.
        if (!String(error).includes('No conflict')) throw error;
      }
    }
  };

  // Kills spread over the run: by the number of writes applied so far.
  let killsDone = 0;
  const appliedSoFar = () => devices.reduce((n, d) => n + d.applied.length, 0);
  const kill = async () => {
    killsDone++;
    if (killsDone % 2 === 1) proxy.killsAfterCommitWanted++;
    else {
      counters.directKills++;
      await restart();
    }
  };
  let stopKiller = false;
  const killer = (async () => {
    while (!stopKiller && killsDone < kills) {
      if (appliedSoFar() >= ((killsDone + 1) / (kills + 1)) * writes * 0.85) await kill();
      await sleep(100);
    }
  })();

  const runDevice = async (device: Device, quota: number) => {
    const random = randoms.get(device) as () => number;
    const workload = work.get(device) as Workload;
    let offlineFor = 0;
    for (let n = 1; n <= quota; n++) {
      if (offlineFor > 0) {
        offlineFor--;
        if (offlineFor === 0) {
          device.online = true;
          void device.outbox.syncNow(); // the 'online' event
        }
      } else if (random() < 0.02) {
        device.online = false;
        offlineFor = 5 + Math.floor(random() * 40);
        counters.offlineSpells++;
      }
      const invalid = random() < INVALID_RATE;
      const roll = random();
      const write =
        roll < 0.45
          ? makeVisit(device, workload, random, n, invalid)
          : roll < 0.75
            ? makeActionUpdate(device, workload, random, n, invalid)
            : makeKpiValues(device, workload, random, invalid);
      sent.set(write.id, write);
      counters.made[write.kind]++;
      if (invalid) counters.invalid++;
      const input = write.variables.input as { accountId?: string };
      await device.outbox.enqueue(write.kind, write.variables, {
        id: write.id,
        label: `${write.kind} ${n}`,
        ...(input.accountId ? { accountId: input.accountId } : {}),
      });
      await resolveConflicts(device);
      if (device.online && random() < 0.1) void device.outbox.syncNow(); // the app became visible
      if (random() < 0.05) await refreshVersions(device, workload);
      await sleep(Math.floor(random() * 40));
    }
  };

  progress('devices signed in; writing');
  proxy.faulty = true;
  const quota = Math.ceil(writes / devices.length);
  await Promise.all(devices.map((device) => runDevice(device, quota)));
  progress(`all writes made; ${appliedSoFar()} applied so far; draining: ${summaryOfEntries(devices)}`);

  // Everyone back online until every outbox is empty but for refused writes. Faults continue for
  // a while, then the network heals so that the run ends.
  for (const device of devices) device.online = true;
  for (let round = 0; ; round++) {
    if (round === 20) {
      stopKiller = true;
      await killer;
      while (killsDone < kills) await kill();
    }
    if (round === 40) {
      if (proxy.killsAfterCommitWanted > 0) {
        // No write came through to carry it: kill without one.
        counters.directKills += proxy.killsAfterCommitWanted;
        proxy.killsAfterCommitWanted = 0;
        await restart();
      }
      proxy.faulty = false;
    }
    await Promise.all(
      devices.map(async (device) => {
        await resolveConflicts(device);
        await device.outbox.syncNow();
        await resolveConflicts(device);
      }),
    );
    if (devices.every((d) => d.outbox.entries.every((e) => e.state === 'rejected'))) break;
    if (round % 25 === 24) progress(`drain round ${round + 1}: ${summaryOfEntries(devices)}`);
    if (Date.now() > deadline)
      throw new Error(`The outboxes did not drain in time: ${summaryOfEntries(devices)}`);
    await sleep(100);
  }
  stopKiller = true;
  await killer;
  await env.settled();
  progress('outboxes drained; reconciling');

  // Every refused write was reported to its device with the server's own message, and only those.
  for (const write of sent.values()) {
    const entry = write.device.outbox.entries.find((e) => e.id === write.id);
    if (write.invalid && entry?.state !== 'rejected')
      problems.push(
        `${write.device.name}: invalid write ${write.id} (${write.invalid}) was not reported rejected`,
      );
  }
  let rejected = 0;
  for (const device of devices) {
    for (const entry of device.byState('rejected')) {
      rejected++;
      const write = sent.get(entry.id);
      if (!write?.invalid)
        problems.push(`${device.name}: valid write ${entry.id} rejected: ${JSON.stringify(entry.error)}`);
      const message = await serverMessage(api.url, device.session, entry);
      if (!entry.error?.message || entry.error.message !== message)
        problems.push(
          `${device.name}: rejected ${entry.id} shows "${entry.error?.message}", the server says "${message}"`,
        );
      await device.outbox.discard(entry.id);
    }
    if (device.outbox.entries.length > 0) problems.push(`${device.name}: outbox not empty at the end`);
  }

  const kpis = accounts.flatMap((a) => a.kpis);
  const { problems: found, applied } = reconcile({
    devices,
    sent,
    discarded,
    before,
    after: {
      visits: await readVisits(admin, accounts),
      actions: await readActions(admin, actionIds),
      planTitles: await readPlanTitles(admin, accounts),
      kpiValues: await readKpiValues(admin, kpis),
    },
    frequencies: new Map(kpis.map((k) => [k.id, k.frequency])),
  });
  problems.push(...found);
  if (counters.unauthenticated > 0)
    problems.push(`${counters.unauthenticated} sessions lost (outbox paused)`);

  const s = proxy.stats;
  const summary = [
    `fault injection summary (seed ${seed}, ${env.databaseKind}, ${((Date.now() - started) / 1000).toFixed(0)} s):`,
    `  devices ${devices.length}; writes made ${sent.size} (visits ${counters.made.logVisit}, action updates ${counters.made.updatePlanAction}, KPI batches ${counters.made.recordKpiMeasurements}), invalid on purpose ${counters.invalid}`,
    `  applied ${applied.logVisit + applied.updatePlanAction + applied.recordKpiMeasurements} (visits ${applied.logVisit}, action updates ${applied.updatePlanAction}, KPI batches ${applied.recordKpiMeasurements}); rejected ${rejected}`,
    `  conflicts ${counters.conflicts} (kept mine ${counters.keptMine}, discarded ${counters.discarded}); offline spells ${counters.offlineSpells}`,
    `  proxy: requests ${s.requests} (writes ${s.writes}), dropped requests ${s.droppedRequests}, unanswered ${s.hungRequests}, dropped answers ${s.droppedResponses}, server unreachable ${s.upstreamErrors}, 5xx ${s.serverErrors}`,
    `  API SIGKILLs ${api.kills} (after a commit, before its answer: ${s.killsAfterCommit}; at other moments: ${counters.directKills}), starts ${api.starts} (${(api.startingMs / 1000).toFixed(0)} s starting)`,
    `  problems ${problems.length}`,
  ].join('\n');
  console.log(summary);
  if (api.kills < kills) problems.push(`the API was killed ${api.kills} times, not ${kills}`);
  return { problems, summary };
}
