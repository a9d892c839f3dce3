import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on changed SQLite tables): a column with
// a default needs no table rebuild.
export class Migration20261123202753_Revision extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE `agreement` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `governance_code` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `code_provision` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `interaction` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `follow_up_action` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `obligation` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `accountability_moment` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `evidence_document` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `stakeholder_category` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `stakeholder` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `stakeholder_assessment` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `interest` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `contact_person` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `strategic_goal` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `goal_measurement` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `revision` integer not null default 1;');
    this.addSql('ALTER TABLE `api_token` ADD COLUMN `revision` integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('ALTER TABLE `agreement` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `governance_code` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `code_provision` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `interaction` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `follow_up_action` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `obligation` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `accountability_moment` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `evidence_document` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `stakeholder_category` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `stakeholder` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `stakeholder_assessment` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `interest` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `contact_person` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `strategic_goal` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `goal_measurement` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `app_user` DROP COLUMN `revision`;');
    this.addSql('ALTER TABLE `api_token` DROP COLUMN `revision`;');
  }
}
