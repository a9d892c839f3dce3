import { Migration } from '@mikro-orm/migrations';

// Every existing user is a person (the column's default); service accounts are marked by an
// administrator (updateUser kind: SERVICE) before SSO_ONLY is switched on.

export class Migration20261204025256_Accounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "kind" text check ("kind" in ('PERSON', 'SERVICE')) not null default 'PERSON', add column "directory_id" varchar(255) null, add column "scim_user_name" varchar(320) null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_directory_id_unique" unique ("directory_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_scim_user_name_unique" unique ("scim_user_name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_directory_id_unique";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_scim_user_name_unique";`);
    this.addSql(`alter table "app_user" drop column "kind", drop column "directory_id", drop column "scim_user_name";`);
  }

}
