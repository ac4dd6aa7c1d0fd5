/**
 * card_int_cards' secondary indexes built after a large import's COPY instead of row by row (migration
 * 0057: the SECURITY DEFINER functions that drop and rebuild them, and the check at commit that they
 * were rebuilt). PostgreSQL only, inside the import's own transaction, so a failed import rolls the
 * drop back with its rows. The primary key, the unique control number, the foreign keys and the
 * checks stay live.
 *
 * Dropping an index locks the whole table (ACCESS EXCLUSIVE) until the commit: staff reading the card
 * list wait for the import. So an import defers only when
 *  - the table holds no more rows than the file brings (rebuilding then costs less than inserting;
 *    a city's first list of the year, or a new city), and
 *  - the lock comes within LOCK_WAIT_MS (a long staff read or another import holding the table makes
 *    it import row by row, as before, rather than queue every reader behind it).
 */
import { isPgError, type Queryable } from '../../../platform/db.js';

/** Deferring pays from about 60,000 rows (measured: the saving is about 1 s of database CPU per 100,000 rows). */
export const DEFER_MIN_BYTES = 8 << 20;
/** Bytes of a Shift_JIS issuance-list line, a little under the real 125, so the row count is not underestimated. */
const BYTES_PER_ROW = 100;
const LOCK_WAIT_MS = 2000;

/**
 * Drops the secondary indexes when the table is small next to `fileBytes` and the lock is free;
 * true when it did (the caller must then call rebuildCardIndexes before committing).
 */
export async function deferCardIndexes(tx: Queryable, fileBytes: number): Promise<boolean> {
  const incoming = Math.ceil(fileBytes / BYTES_PER_ROW);
  await tx.query('SAVEPOINT card_defer_indexes');
  try {
    // Inside the savepoint: a rollback to it releases the lock taken here (and the timeout).
    await tx.query(`SET LOCAL lock_timeout = ${LOCK_WAIT_MS}`);
    // Counting stops past the file's rows: bounded by the import's own size.
    const held = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM card_int_cards LIMIT $1) t', [incoming + 1]);
    if ((held.rows[0]?.n ?? 0) > incoming) {
      await giveUp(tx);
      return false;
    }
    await tx.query('SELECT card_int_cards_defer_indexes()');
    await tx.query('SET LOCAL lock_timeout = DEFAULT');
    await tx.query('RELEASE SAVEPOINT card_defer_indexes');
    return true;
  } catch (err) {
    // 55P03: the lock did not come in time; 40P01: two imports wanted it at once (one of them gives way).
    if (!isPgError(err, '55P03') && !isPgError(err, '40P01')) throw err;
    await giveUp(tx);
    return false;
  }
}

async function giveUp(tx: Queryable): Promise<void> {
  await tx.query('ROLLBACK TO SAVEPOINT card_defer_indexes');
  await tx.query('RELEASE SAVEPOINT card_defer_indexes');
}

export async function rebuildCardIndexes(tx: Queryable): Promise<void> {
  await tx.query('SELECT card_int_cards_rebuild_indexes()');
}
