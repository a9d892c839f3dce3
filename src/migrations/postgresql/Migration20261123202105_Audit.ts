import { Migration } from '@mikro-orm/migrations';

export class Migration20261123202105_Audit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_record" ("id" uuid not null, "occurred_at" timestamptz not null, "user_id" varchar(36) not null, "user_name" varchar(200) not null, "token_id" varchar(36) not null, "operation" varchar(100) not null, "entity_type" varchar(100) null, "entity_id" varchar(36) null, constraint "audit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_record_user_id_index" on "audit_record" ("user_id");`);
    this.addSql(`create index "audit_record_entity_id_index" on "audit_record" ("entity_id");`);
    this.addSql(`create index "audit_record_occurred_at_index" on "audit_record" ("occurred_at");`);

    this.addSql(`create table "audit_change" ("id" uuid not null, "record_id" uuid not null, "entity_type" varchar(100) not null, "entity_id" varchar(36) not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'DELETE')) not null, "field" varchar(100) not null, "before" text null, "after" text null, constraint "audit_change_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_change_entity_id_index" on "audit_change" ("entity_id");`);

    this.addSql(`alter table "audit_change" add constraint "audit_change_record_id_foreign" foreign key ("record_id") references "audit_record" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_change" drop constraint "audit_change_record_id_foreign";`);

    this.addSql(`drop table if exists "audit_record" cascade;`);

    this.addSql(`drop table if exists "audit_change" cascade;`);
  }

}
