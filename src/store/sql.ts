import type { Queryable } from './db.ts';

/** PostgreSQL's bind-parameter ceiling is 65,535 per statement; stay well under it. */
const MAX_PARAMS = 30_000;

/**
 * Inserts rows with multi-row VALUES statements, chunked under the parameter limit.
 * Column names are code constants, never input; values are always bound parameters.
 */
export async function insertRows(tx: Queryable, table: string, columns: readonly string[],
  rows: readonly unknown[][], casts: Readonly<Record<string, string>> = {}): Promise<void> {
  if (rows.length === 0) return;
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const slots = row.map((value, i) => {
        params.push(value);
        const cast = casts[columns[i] as string];
        return cast ? `$${params.length}::${cast}` : `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
