import { Migration } from '@mikro-orm/migrations';

export class Migration20261202150843_WriteProbe extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "write_probe" ("id" int not null, "probed_at" timestamptz not null, constraint "write_probe_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "write_probe" cascade;`);
  }

}
