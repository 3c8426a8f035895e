import type { EntityManager } from '@mikro-orm/core';

/**
 * Fixed-window counters in the database (one upsert per hit), so limits hold across processes.
 */
export async function hit(em: EntityManager, key: string, windowMs: number, now = Date.now()): Promise<void> {
  const expiredBefore = now - windowMs;
  await em.getConnection().execute(
    `insert into rate_limit_bucket (key, window_start_ms, count) values (?, ?, 1)
       on conflict (key) do update set
         count = case when rate_limit_bucket.window_start_ms <= ? then 1 else rate_limit_bucket.count + 1 end,
         window_start_ms = case when rate_limit_bucket.window_start_ms <= ?
           then excluded.window_start_ms else rate_limit_bucket.window_start_ms end`,
    [key, now, expiredBefore, expiredBefore],
  );
}

/** Seconds until `key` may be used again, or 0 when it is under `max` hits in its window. */
export async function retryAfterSeconds(
  em: EntityManager,
  key: string,
  max: number,
  windowMs: number,
  now = Date.now(),
): Promise<number> {
  const rows = await em
    .getConnection()
    .execute<{ window_start_ms: string | number; count: number }[]>(
      'select window_start_ms, count from rate_limit_bucket where key = ?',
      [key],
    );
  const row = rows[0];
  if (!row || row.count < max) return 0;
  const endsAt = Number(row.window_start_ms) + windowMs;
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

export async function reset(em: EntityManager, key: string): Promise<void> {
  await em.getConnection().execute('delete from rate_limit_bucket where key = ?', [key]);
}
