import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { User } from '../modules/users/user.entity.js';
import { createUser } from '../modules/users/user.service.js';
import { initORM } from './orm.js';
import { TRANSACTION_ATTEMPTS } from './retry.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

const onSqlite = () => t.config.database.kind === 'sqlite';
const onPostgres = () => t.config.database.kind === 'postgresql';

function audit(em: EntityManager, entityId: string) {
  recordAudit(em, { actorId: null, entityType: 'DurabilityTest', entityId, action: 'CREATE' });
}
const stored = (entityId: string) => t.app.orm.em.fork().count(AuditEntry, { entityId });

describe('SQLite durability settings', () => {
  it('opens the database in WAL mode, syncing every commit, waiting out locks, enforcing foreign keys', async (ctx) => {
    if (!onSqlite()) ctx.skip();
    const connection = t.app.orm.em.getConnection();
    const pragma = async (name: string) => Object.values((await connection.execute(`pragma ${name}`))[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2); // FULL: a commit survives an OS crash, not only a process one
    expect(Number(await pragma('busy_timeout'))).toBeGreaterThanOrEqual(1000);
    expect(await pragma('foreign_keys')).toBe(1);
  });
});

describe('a transaction that loses a race with another connection on the same SQLite file', () => {
  let other: MikroORM;
  beforeAll(async () => {
    if (onSqlite()) other = await initORM({ database: t.config.database });
  });
  afterAll(async () => {
    await other?.close();
  });

  /**
   * Another process's write, committed while our transaction holds an older read snapshot.
   * Plain SQL on the other connection: its EntityManager would join our transaction's context.
   */
  async function writeFromOtherConnection(entityId: string) {
    await other.em
      .getConnection()
      .execute(
        "insert into audit_entry (id, actor_id, at, entity_type, entity_id, action) values (?, null, ?, 'DurabilityTest', ?, 'CREATE')",
        [randomUUID(), Date.now(), entityId],
        'run',
      );
  }

  it('is re-run, and its write is stored exactly once beside the other writer’s', async (ctx) => {
    if (!onSqlite()) ctx.skip();
    let attempts = 0;
    await t.app.orm.em.fork().transactional(async (em) => {
      attempts++;
      await em.count(AuditEntry, {}); // the transaction now reads from a snapshot
      if (attempts === 1) await writeFromOtherConnection('race-other-1');
      audit(em, 'race-ours-1'); // writing needs the newest snapshot: SQLITE_BUSY_SNAPSHOT
    });
    expect(attempts).toBe(2);
    expect(await stored('race-ours-1')).toBe(1);
    expect(await stored('race-other-1')).toBe(1);
  });

  it('is re-run correctly when it refers to an entity loaded before the transaction (as sign-in does)', async (ctx) => {
    if (!onSqlite()) ctx.skip();
    const em = t.app.orm.em.fork();
    const user = await createUser(em, {
      email: 'retry@example.com',
      name: 'Retry',
      role: 'ADMIN',
      password: 'a-long-enough-password',
    });
    const loaded = await em.findOneOrFail(User, { id: user.id });
    let attempts = 0;
    await em.transactional(async (tx) => {
      attempts++;
      await tx.count(AuditEntry, {});
      if (attempts === 1) await writeFromOtherConnection('race-other-3');
      tx.create(AuditEntry, {
        id: randomUUID(),
        actor: loaded,
        at: new Date(),
        entityType: 'DurabilityTest',
        entityId: 'race-ours-3',
        action: 'CREATE',
        before: null,
        after: null,
      });
    });
    expect(attempts).toBe(2);
    expect(await t.app.orm.em.fork().count(AuditEntry, { entityId: 'race-ours-3', actor: user.id })).toBe(1);
    expect(await t.app.orm.em.fork().count(User, { email: 'retry@example.com' })).toBe(1);
  });

  it('gives up after a bounded number of attempts, storing nothing of its own', async (ctx) => {
    if (!onSqlite()) ctx.skip();
    let attempts = 0;
    const work = t.app.orm.em.fork().transactional(async (em) => {
      attempts++;
      await em.count(AuditEntry, {});
      await writeFromOtherConnection(`race-other-2-${attempts}`);
      audit(em, 'race-ours-2');
    });
    await expect(work).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_BUSY/) });
    expect(attempts).toBe(TRANSACTION_ATTEMPTS);
    expect(await stored('race-ours-2')).toBe(0);
  });

  it('is not re-run when it fails for a reason that another try cannot fix', async () => {
    let attempts = 0;
    const work = t.app.orm.em.fork().transactional(async (em) => {
      attempts++;
      audit(em, 'not-retried');
      throw new Error('a validation failure');
    });
    await expect(work).rejects.toThrow('a validation failure');
    expect(attempts).toBe(1);
    expect(await stored('not-retried')).toBe(0);
  });
});

function signal() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('PostgreSQL deadlocks', () => {
  it('re-runs the transaction chosen as the deadlock victim; both writers succeed', async (ctx) => {
    if (!onPostgres()) ctx.skip();
    const connection = t.app.orm.em.getConnection();
    await connection.execute('create table durability_pair (id int primary key, n int not null)');
    await connection.execute('insert into durability_pair values (1, 0), (2, 0)');
    const bump = (em: EntityManager, id: number) =>
      em
        .getConnection()
        .execute(
          'update durability_pair set n = n + 1 where id = ?',
          [id],
          'run',
          em.getTransactionContext(),
        );
    const signals = { a: signal(), b: signal() };
    let attempts = 0;
    const writer = (first: number, second: number, mine: 'a' | 'b', theirs: 'a' | 'b') => {
      let own = 0;
      return t.app.orm.em.fork().transactional(async (em) => {
        attempts++;
        own++;
        await bump(em, first);
        if (own === 1) {
          signals[mine].resolve();
          await signals[theirs].promise; // both now hold one row and want the other's
        }
        await bump(em, second);
      });
    };
    await Promise.all([writer(1, 2, 'a', 'b'), writer(2, 1, 'b', 'a')]);
    expect(attempts).toBe(3);
    const rows = await connection.execute('select n from durability_pair order by id');
    expect(rows.map((r: { n: number }) => r.n)).toEqual([2, 2]);
  });
});
