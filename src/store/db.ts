import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One query path for both engines: a node-postgres Pool, pointed either at a PostgreSQL server
 * (DATABASE_URL) or at PGlite in this process (a data directory on disk). Results go through
 * the same type parsers on both, so the rest of the code cannot tell them apart.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** A description safe to print (no password). */
  readonly description: string;
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Pool size for a server; PGlite always runs one statement or transaction at a time. */
  maxConnections?: number;
}

// Dates are calendar dates in law: keep them as 'YYYY-MM-DD' strings, never JS Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// bigint counts fit easily in a double for this system's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.maxConnections ?? 20 });
    pool.on('error', () => { /* an idle client lost its connection; the pool replaces it */ });
    const url = new URL(config.databaseUrl);
    url.password = '';
    return {
      kind: 'postgres',
      description: `PostgreSQL server ${url.host}${url.pathname}`,
      pool,
      close: () => pool.end(),
    };
  }
  const dataDir = config.dataDir ?? './data';
  const location = dataDir.startsWith('memory://') ? dataDir : resolve(dataDir);
  if (!location.startsWith('memory://')) mkdirSync(location, { recursive: true });
  const pglite = await PGlite.create(location);
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  return {
    kind: 'pglite',
    description: `PGlite (embedded PostgreSQL) at ${location}`,
    pool,
    close: async () => {
      await pool.end();
      await pglite.close();
    },
  };
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Runs fn in one transaction: everything it wrote commits together or not at all. */
export async function withTransaction<T>(db: Database, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
