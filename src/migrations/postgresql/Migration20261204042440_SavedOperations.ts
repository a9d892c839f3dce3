import { Migration } from '@mikro-orm/migrations';

export class Migration20261204042440_SavedOperations extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "saved_operation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, "archived_at" timestamptz null, "name" varchar(64) not null, "title" varchar(100) not null, "description" text null, "document" text not null, "default_variables_json" text null, "shared" boolean not null default false, "owner_id" uuid null, constraint "saved_operation_pkey" primary key ("id"));`);
    this.addSql(`alter table "saved_operation" add constraint "saved_operation_name_unique" unique ("name");`);
    this.addSql(`create index "saved_operation_owner_id_index" on "saved_operation" ("owner_id");`);

    this.addSql(`alter table "saved_operation" add constraint "saved_operation_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "saved_operation" cascade;`);
  }

}
