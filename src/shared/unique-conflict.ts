import type { EntityMetadata, MetadataStorage, Platform, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError } from './errors';

// A unique key that a mutation's flush breaks (a racing insert of a key another request took
// between our check and our write, or a key no service checks) is CONFLICT, naming the input
// field: one mapping, where the unit of work flushes. The message never quotes the value.

interface UniqueKey {
  entity: string;
  properties: string[];
}

/** Every unique key of every entity: by constraint name (PostgreSQL) and by table.columns (SQLite). */
function uniqueKeys(metadata: MetadataStorage, platform: Platform): Map<string, UniqueKey> {
  const keys = new Map<string, UniqueKey>();
  const add = (meta: EntityMetadata, properties: string[], name?: string) => {
    const columns = properties.flatMap((p) => meta.properties[p as never]?.fieldNames ?? [p]);
    const key = { entity: meta.className, properties };
    keys.set(name ?? platform.getIndexName(meta.tableName, columns, 'unique'), key);
    keys.set(columns.map((c) => `${meta.tableName}.${c}`).join(', '), key);
  };
  for (const meta of Object.values(metadata.getAll())) {
    if (!meta.tableName) continue;
    for (const prop of Object.values(meta.properties)) if (prop.unique) add(meta, [prop.name], typeof prop.unique === 'string' ? prop.unique : undefined);
    for (const unique of meta.uniques ?? []) {
      const properties = Array.isArray(unique.properties) ? unique.properties : unique.properties ? [unique.properties] : [];
      add(meta, properties as string[], unique.name);
    }
  }
  return keys;
}

const cache = new WeakMap<MetadataStorage, Map<string, UniqueKey>>();

/** CONFLICT for a broken unique key, naming `input.<field>` of the record's last property. */
export function uniqueConflict(error: UniqueConstraintViolationException, metadata: MetadataStorage, platform: Platform): ConflictError {
  let keys = cache.get(metadata);
  if (!keys) cache.set(metadata, (keys = uniqueKeys(metadata, platform)));
  const e = error as UniqueConstraintViolationException & { constraint?: string };
  // PostgreSQL names the constraint; SQLite lists the columns ("UNIQUE constraint failed: t.a, t.b").
  const named = e.constraint ?? /unique constraint "([^"]+)"/i.exec(e.message)?.[1];
  const listed = /UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)/.exec(e.message)?.[1];
  const key = (named && keys.get(named)) || (listed && keys.get(listed)) || undefined;
  if (!key) return new ConflictError('a record with the same unique key exists already');
  const field = key.properties.at(-1)!;
  return new ConflictError(`a ${key.entity} with this ${key.properties.join(' and ')} exists already`, `input.${field}`);
}
