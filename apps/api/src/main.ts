import { createServer } from 'node:http';
import { createServerAdapter } from '@whatwg-node/server';
import { createApp, type ServerContext } from './app.js';
import { loadConfig } from './config.js';
import { migrate, whileAlone } from './db/orm.js';
import { seedDemo } from './db/seed/demo.js';
import { startWebhookWorker } from './modules/webhooks/webhook-delivery.js';

/** How long in-flight requests may take to finish after a shutdown signal. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfig();
const app = await createApp(config);
// Processes starting together on one database take turns: the first migrates (and loads the demo
// into an empty database), the others then find nothing to do.
await whileAlone(app.orm, async () => {
  const applied = await migrate(app.orm);
  app.log.info(
    { migrations: applied },
    applied.length ? `database: applied ${applied.length} migration(s)` : 'database: up to date',
  );
  if (process.env.CLAVE_SEED_DEMO !== 'false' && (await seedDemo(app.orm.em.fork()))) {
    app.log.info('database was empty: loaded the demo (sign in as ana@clave.dev / clave-demo)');
  }
});

// Sends webhook deliveries from the outbox; safe to run in every API process sharing a database.
const webhookWorker = config.webhooks.worker
  ? startWebhookWorker(app.orm, config.webhooks, (error) =>
      app.log.error({ err: error }, 'webhook delivery pass failed; retrying at the next poll'),
    )
  : null;

const server = createServer(
  createServerAdapter<ServerContext>((request, context) => app.fetch(request, context)),
);
// Idle keep-alive connections stay open longer than a load balancer's idle timeout (60 s on the
// common ones), and longer than a busy event loop may take to read the next request: Node's 5 s
// default closes connections that a client (or proxy) is just reusing, and those requests fail.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(config.port, config.host, () => {
  const where = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL';
  app.log.info(
    { port: config.port, host: config.host, database: where },
    `Clave listening on http://localhost:${config.port}`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  // No new webhook attempts from now on; the one in flight finishes and is recorded.
  const webhooksStopped = webhookWorker?.stop();
  app.log.info({ signal }, 'stopping: no new connections; finishing in-flight requests');
  const force = setTimeout(() => {
    app.log.warn('shutdown grace period over; closing remaining connections');
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  server.close(async () => {
    try {
      await webhooksStopped;
      await app.close();
      app.log.info('stopped: in-flight requests finished, database closed');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
  });
  server.closeIdleConnections();
}
process.on('unhandledRejection', (error) => app.log.error({ err: error }, 'unhandled promise rejection'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
