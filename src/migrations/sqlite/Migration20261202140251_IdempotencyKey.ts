import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on changed SQLite tables): nullable
// columns need no table rebuild.
export class Migration20261202140251_IdempotencyKey extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE `audit_record` ADD COLUMN `idempotency_key` text null;');
    this.addSql('ALTER TABLE `audit_record` ADD COLUMN `request_hash` text null;');
    this.addSql('create unique index `audit_record_user_id_idempotency_key_unique` on `audit_record` (`user_id`, `idempotency_key`);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index `audit_record_user_id_idempotency_key_unique`;');
    this.addSql('ALTER TABLE `audit_record` DROP COLUMN `request_hash`;');
    this.addSql('ALTER TABLE `audit_record` DROP COLUMN `idempotency_key`;');
  }
}
