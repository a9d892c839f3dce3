import { Migration } from '@mikro-orm/migrations';

export class Migration20261203160000_ObligationSchedules extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "obligation_schedule" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, "archived_at" timestamptz null, "obligation_id" uuid not null, "recurrence_rule" varchar(500) null, "schedule_start" date not null, "due_on" date null, "effective_from" date not null, "decided_on" date null, "superseded_at" timestamptz null, constraint "obligation_schedule_pkey" primary key ("id"));`);
    this.addSql(`create index "obligation_schedule_obligation_id_effective_from_index" on "obligation_schedule" ("obligation_id", "effective_from");`);

    this.addSql(`alter table "obligation_schedule" add constraint "obligation_schedule_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade;`);
    // Every obligation so far had one schedule, from its start: its first version (with the obligation's own id, so that it is the same on every run).
    this.addSql(`insert into "obligation_schedule" ("id", "created_at", "updated_at", "revision", "obligation_id", "recurrence_rule", "schedule_start", "due_on", "effective_from") select "id", "created_at", "created_at", 1, "id", "recurrence_rule", "schedule_start", "due_on", "active_from" from "obligation";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "obligation_schedule" cascade;`);
  }

}
