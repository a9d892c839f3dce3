import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row that readiness writes to prove the database takes writes, and that a write
 * transaction touches first to take SQLite's write lock (see lockForWrite).
 */
@Entity({ tableName: 'write_probe' })
export class WriteProbe {
  @PrimaryKey({ autoincrement: false })
  id!: number;

  @Property({ type: Date })
  probedAt!: Date;
}
