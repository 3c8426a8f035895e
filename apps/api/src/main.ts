import { createServer } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import { createApp, type ServerContext } from './app.js';
import { loadConfig } from './config.js';
import { migrate } from './db/orm.js';
import { seedDemo } from './db/seed/demo.js';

/** How long in-flight requests may take to finish after a shutdown signal. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfig();
const app = await createApp(config);
const applied = await migrate(app.orm);
if (applied.length) console.log(`database: applied ${applied.length} migration(s)`);
if (process.env.CLAVE_SEED_DEMO !== 'false' && (await seedDemo(app.orm.em.fork()))) {
  console.log('database was empty: loaded the demo (sign in as ana@clave.dev / clave-demo)');
}

const server = createServer(
  createServerAdapter<ServerContext>((request, context) => app.fetch(request, context)),
);
server.listen(config.port, config.host, () => {
  const where = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL';
  console.log(`Clave listening on http://localhost:${config.port} (database: ${where})`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing in-flight requests, then stopping`);
  const force = setTimeout(() => {
    console.error('shutdown grace period over; closing remaining connections');
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.close(async () => {
    await app.close();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
