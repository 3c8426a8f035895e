// The test's world: a fresh database, the real API on it (bundled, as a child process), and the
// fault proxy in front of it. One per test file; the tests turn the faults on and off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, bundleApi, freePort, freshDatabase } from './api-process';
import { FaultProxy, type FaultRates } from './proxy';

export interface Environment {
  readonly api: ApiProcess;
  readonly proxy: FaultProxy;
  readonly proxyUrl: string;
  readonly databaseKind: 'sqlite' | 'postgresql';
  /** SIGKILLs the server and starts it again; kills queue up, each one hits the server the previous started. */
  restart(): Promise<void>;
  /** Resolves once every restart asked for so far is done. */
  settled(): Promise<void>;
  /** Stops everything; the server's log is kept (and its path printed) when `keepLog`. */
  close(keepLog: boolean): Promise<void>;
}

export async function startEnvironment(options: {
  random: () => number;
  rates: FaultRates;
}): Promise<Environment> {
  const logDir = mkdtempSync(join(tmpdir(), 'clave-faults-log-'));
  const database = await freshDatabase();
  const bundle = await bundleApi();
  const api = new ApiProcess(bundle.entry, await freePort(), database.url, logDir);
  let restarting: Promise<void> = Promise.resolve();
  const restart = (): Promise<void> => {
    restarting = restarting.then(async () => {
      await api.kill();
      await api.start();
    });
    return restarting;
  };
  const proxy = new FaultProxy({
    upstreamPort: api.port,
    random: options.random,
    rates: options.rates,
    killAfterCommit: restart,
  });
  const close = async (keepLog: boolean) => {
    await proxy.close();
    await api.stop();
    await database.drop();
    bundle.remove();
    if (keepLog) console.log(`API log kept in ${api.logPath}:\n${api.logTail()}`);
    else rmSync(logDir, { recursive: true, force: true });
  };
  try {
    // While entities are ahead of the migrations (a change being built), as for the API's own tests.
    if (process.env.CLAVE_SCHEMA_FROM_ENTITIES === '1') await api.prepareSchemaFromEntities();
    await api.start();
    const proxyUrl = `http://127.0.0.1:${await proxy.listen()}`;
    return {
      api,
      proxy,
      proxyUrl,
      databaseKind: database.kind,
      restart,
      settled: () => restarting,
      close,
    };
  } catch (error) {
    await close(true);
    throw error;
  }
}
