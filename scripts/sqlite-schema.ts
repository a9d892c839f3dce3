import type { MikroORM } from '@mikro-orm/core';

// The SQLite schema as sqlite_master holds it, comparable between a migrated database and one
// generated from the entities. A column added with ALTER TABLE lands at the end of the stored
// CREATE TABLE text, where a generated table has it among the others: so the definitions of a
// table are compared as a sorted list, not in their written order.

export interface SqliteObject {
  type: string;
  name: string;
  sql: string;
}

/** Splits the body of a CREATE TABLE at top-level commas and sorts the definitions. */
export function normaliseTableSql(sql: string): string {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) return sql;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of sql.slice(open + 1, close)) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  parts.push(current.trim());
  return `${sql.slice(0, open).trim()} (${parts.sort().join(', ')})`;
}

export async function sqliteObjects(orm: MikroORM): Promise<SqliteObject[]> {
  const rows: SqliteObject[] = await orm.em.getConnection().execute(
    `select type, name, sql from sqlite_master
     where sql is not null and name not like 'sqlite_%' and tbl_name <> 'mikro_orm_migrations' order by type, name`,
  );
  return rows.map((r) => ({ type: r.type, name: r.name, sql: r.type === 'table' ? normaliseTableSql(r.sql) : r.sql }));
}
