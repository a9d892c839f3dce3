import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on a changed table): ADD COLUMN needs no
// rebuild of app_user; the session table and indexes as the entities' schema generates them.
export class Migration20261203170000_SignIn extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `oidc_issuer` text null;');
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `oidc_subject` text null;');
    this.addSql('CREATE UNIQUE INDEX `app_user_oidc_issuer_oidc_subject_unique` on `app_user` (`oidc_issuer`, `oidc_subject`);');
    this.addSql("CREATE TABLE `user_session` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `revision` integer not null default 1, `archived_at` datetime null, `user_id` text not null, `secret_hash` text not null, `csrf_hash` text not null, `issuer` text not null, `expires_at` datetime not null, `ended_at` datetime null, constraint `user_session_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on update cascade, primary key (`id`));");
    this.addSql('CREATE INDEX `user_session_user_id_index` on `user_session` (`user_id`);');
    this.addSql('CREATE UNIQUE INDEX `user_session_secret_hash_unique` on `user_session` (`secret_hash`);');
    this.addSql('CREATE INDEX `user_session_expires_at_index` on `user_session` (`expires_at`);');
  }
}
