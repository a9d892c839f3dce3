import { Migration } from '@mikro-orm/migrations';

export class Migration20261123201132_Access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "name" varchar(200) not null, "email" varchar(320) not null, "role" text check ("role" in ('ADMIN', 'EDITOR', 'VIEWER')) not null default 'VIEWER', constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);

    this.addSql(`create table "api_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "user_id" uuid not null, "name" varchar(200) not null, "access" text check ("access" in ('READ_ONLY', 'READ_WRITE')) not null default 'READ_ONLY', "secret_hash" varchar(64) not null, "prefix" varchar(20) not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "api_token_revoked_at_index" on "api_token" ("revoked_at");`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);

    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop table if exists "api_token" cascade;`);
  }

}
