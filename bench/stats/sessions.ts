/**
 * Connections for the bulk steps. INSERT ... SELECT never runs in parallel inside PostgreSQL, so on a
 * server the loader spreads independent statements over a few sessions of its own (one per core);
 * PGlite has a single session and runs them one after the other.
 */
import pg from 'pg';
import type { Queryable } from '../../src/store/db.ts';

export interface Sessions {
  /** Number of sessions (1 on PGlite). */
  readonly size: number;
  /** The first session, for sequential steps. */
  readonly main: Queryable;
  /** Runs independent statements, each on whichever session is free, in the given order; all must succeed. */
  all(statements: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function sessionsOf(clients: Queryable[], close: () => Promise<void>): Sessions {
  const main = clients[0];
  if (!main) throw new Error('no session');
  return {
    size: clients.length,
    main,
    async all(statements) {
      let next = 0;
      let failed: unknown = null;
      await Promise.all(clients.map(async (c) => {
        while (failed === null && next < statements.length) {
          const sql = statements[next++] as string;
          try { await c.query(sql); } catch (err) { failed ??= err; }
        }
      }));
      if (failed !== null) throw failed;
    },
    close,
  };
}

/** `size` new connections to a server, each with the given session settings. */
export async function serverSessions(url: string, size: number, settings: readonly string[]): Promise<Sessions> {
  const clients: pg.Client[] = [];
  try {
    for (let i = 0; i < size; i++) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => { /* the connection was ended under a running statement: that statement reports it */ });
      clients.push(c);
      await c.connect();
      for (const s of settings) await c.query(s);
    }
  } catch (err) {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    throw err;
  }
  return sessionsOf(clients, async () => { await Promise.all(clients.map((c) => c.end())); });
}

/** One session from a pool (PGlite's has one), with settings reset when it is given back. */
export async function poolSession(pool: pg.Pool, settings: readonly string[]): Promise<Sessions> {
  const client = await pool.connect();
  try {
    for (const s of settings) await client.query(s);
  } catch (err) {
    client.release();
    throw err;
  }
  return sessionsOf([client], async () => {
    await client.query('RESET ALL').catch(() => undefined);
    client.release();
  });
}

/**
 * `parts` predicates that split rows by a uuid column into disjoint ranges (on the first hex digit),
 * so several sessions can each take one part.
 */
export function uuidParts(column: string, parts: number): string[] {
  if (parts <= 1) return ['true'];
  const bounds = Array.from({ length: parts - 1 }, (_, k) => Math.round(((k + 1) * 16) / parts).toString(16));
  return Array.from({ length: parts }, (_, k) => {
    const lo = k === 0 ? null : `${bounds[k - 1]}0000000-0000-0000-0000-000000000000`;
    const hi = k === parts - 1 ? null : `${bounds[k]}0000000-0000-0000-0000-000000000000`;
    return [lo ? `${column} >= '${lo}'` : null, hi ? `${column} < '${hi}'` : null].filter(Boolean).join(' AND ');
  });
}
