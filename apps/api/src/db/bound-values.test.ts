import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { AuditEntry } from '../modules/audit/audit.entity.js';
import { rows } from './rows.js';

// On SQLite the ORM's statements run with bound values (sqlite-driver.ts) instead of values
// written into the SQL text; on PostgreSQL as the ORM does. Either way, what is stored is what was
// given, and a value is never read as SQL.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: false });
});
afterAll(() => t.close());

const awkward = [
  "O'Brien; drop table app_user; --",
  'is it ? or ?? or \\? — ¿sí?',
  'back\\slash "quoted" `ticked` \n newline',
  '🙂 Ñandú',
];

describe('values that look like SQL', () => {
  it('are stored and found exactly as given, in JSON too', async () => {
    for (const text of awkward) {
      const id = randomUUID();
      const at = new Date('2026-03-04T05:06:07.890Z');
      const em = t.app.orm.em.fork();
      em.create(AuditEntry, {
        id,
        actor: null,
        at,
        entityType: text,
        entityId: id,
        action: 'CREATE',
        before: null,
        after: { text, flag: true, n: 1.5 },
      });
      await em.flush();
      const found = await t.app.orm.em.fork().find(AuditEntry, { entityType: text, at, entityId: id });
      expect(found).toHaveLength(1);
      expect(found[0]?.entityType).toBe(text);
      expect(found[0]?.at.toISOString()).toBe(at.toISOString());
      expect(found[0]?.after).toEqual({ text, flag: true, n: 1.5 });
      const [plain] = await rows<{ entity_type: string }>(
        t.app.orm.em.fork(),
        'select entity_type from audit_entry where entity_id = ? and entity_type = ?',
        [id, text],
      );
      expect(plain?.entity_type).toBe(text);
    }
    expect(await t.app.orm.em.fork().count(AuditEntry, {})).toBe(awkward.length);
  });
});
