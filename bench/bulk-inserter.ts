import type { Knex } from '@mikro-orm/knex';

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

// Bound variables per statement. SQLite (3.32+) allows 32,766: use them all. PostgreSQL
// allows 65,535, but statements that large loaded about a third slower here than ~10,000.
const MAX_VARIABLES = { sqlite: 32_766, postgresql: 10_000 } as const;

/**
 * Buffers rows per table and writes them as multi-row `insert … values (…), (…)` statements
 * with bound parameters, each as large as MAX_VARIABLES allows. Written by hand rather than
 * with knex's insert(): for SQLite knex turns a multi-row insert into
 * `select … union all select …`, which SQLite caps at 500 terms.
 *
 * `add` is synchronous (an await per row costs more than the insert itself); callers
 * `await flush()` when `full`, and `finish()` at the end. A flush hands the rows to the
 * database and returns once the previous flush is written, so the next rows are generated
 * while the database works. Foreign keys stay on, so parents must be written before
 * children: a flush writes every table, in the order each table received its first row, and
 * the generator adds a parent row before any row that refers to it.
 */
export class BulkInserter {
  private readonly buffers = new Map<string, Row[]>();
  private writing: Promise<void> = Promise.resolve();
  /** Some table has a statement's worth of rows waiting. */
  full = false;

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly kind: keyof typeof MAX_VARIABLES,
  ) {}

  add(table: string, row: Row): void {
    let rows = this.buffers.get(table);
    if (!rows) this.buffers.set(table, (rows = []));
    rows.push(row);
    if (rows.length >= this.rowsPerStatement(row)) this.full = true;
  }

  async flush(): Promise<void> {
    await this.writing;
    const batches = [...this.buffers].filter(([, rows]) => rows.length).map(([table, rows]) => [table, rows.splice(0)] as const);
    this.full = false;
    this.writing = (async () => {
      for (const [table, rows] of batches) {
        const size = this.rowsPerStatement(rows[0]);
        for (let i = 0; i < rows.length; i += size) await this.write(table, rows.slice(i, i + size));
      }
    })();
    this.writing.catch(() => undefined); // awaited (and thrown) by the next flush or finish
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  private rowsPerStatement(row: Row): number {
    return Math.floor(MAX_VARIABLES[this.kind] / Object.keys(row).length);
  }

  private async write(table: string, rows: Row[]): Promise<void> {
    const columns = Object.keys(rows[0]);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.map(() => tuple).join(', ')}`;
    const params: Value[] = [];
    for (const row of rows) for (const c of columns) params.push(row[c]);
    await this.trx.raw(sql, params);
  }
}
