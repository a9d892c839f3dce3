import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on changed SQLite tables): adding a
// nullable column needs no table rebuild.
export class Migration20261123193859_PlannedUntil extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE `obligation` ADD COLUMN `planned_until` date null;');
    this.addSql('CREATE INDEX `obligation_planned_until_index` on `obligation` (`planned_until`);');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX `obligation_planned_until_index`;');
    this.addSql('ALTER TABLE `obligation` DROP COLUMN `planned_until`;');
  }
}
