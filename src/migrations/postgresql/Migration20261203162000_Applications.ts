import { Migration } from '@mikro-orm/migrations';

export class Migration20261203162000_Applications extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "obligation_application" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, "archived_at" timestamptz null, "obligation_id" uuid not null, "effective_from" date not null, "application" text check ("application" in ('APPLY', 'EXPLAIN')) not null, "explanation" text null, "decided_by" varchar(200) null, "decided_on" date not null, "review_on" date null, constraint "obligation_application_pkey" primary key ("id"));`);
    this.addSql(`create index "obligation_application_obligation_id_effective_from_index" on "obligation_application" ("obligation_id", "effective_from");`);

    this.addSql(`alter table "obligation_application" add constraint "obligation_application_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade;`);

    // An obligation explained so far was explained for every moment it has (from its earliest), as of the day the explanation
    // was given: the same answer for every moment and every as-of date (the obligation's own id).
    this.addSql(`insert into "obligation_application" ("id", "created_at", "updated_at", "revision", "obligation_id", "effective_from", "application", "explanation", "decided_on") select "id", "updated_at", "updated_at", 1, "id", least("active_from", "schedule_start", (select min(m."due_on") from "accountability_moment" m where m."obligation_id" = "obligation"."id")), 'EXPLAIN', "explanation", "explained_on" from "obligation" where "application" = 'EXPLAIN';`);
    this.addSql(`alter table "obligation" drop column "application", drop column "explanation", drop column "explained_on";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "obligation_application" cascade;`);

    this.addSql(`alter table "obligation" add column "application" text check ("application" in ('APPLY', 'EXPLAIN')) not null default 'APPLY', add column "explanation" text null, add column "explained_on" date null;`);
  }

}
