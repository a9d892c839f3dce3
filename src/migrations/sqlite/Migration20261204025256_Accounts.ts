import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on a changed table): ADD COLUMN needs no
// rebuild of app_user. Every existing user is a person; service accounts are marked by an
// administrator (updateUser kind: SERVICE) before SSO_ONLY is switched on.
export class Migration20261204025256_Accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE `app_user` ADD COLUMN `kind` text check (`kind` in ('PERSON', 'SERVICE')) not null default 'PERSON';");
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `directory_id` text null;');
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `scim_user_name` text null;');
    this.addSql('CREATE UNIQUE INDEX `app_user_directory_id_unique` on `app_user` (`directory_id`);');
    this.addSql('CREATE UNIQUE INDEX `app_user_scim_user_name_unique` on `app_user` (`scim_user_name`);');
  }
}
