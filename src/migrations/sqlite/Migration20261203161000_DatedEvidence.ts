import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on changed SQLite tables): columns that are
// nullable or have a default need no table rebuild. Evidence registered before stays undated
// (document_date null) and of kind OTHER: nothing is guessed.
export class Migration20261203161000_DatedEvidence extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE `evidence_document` ADD COLUMN `kind` text check (`kind` in ('MINUTES', 'REPORT', 'PUBLICATION', 'LETTER', 'ATTENDANCE_LIST', 'DECISION', 'OTHER')) not null default 'OTHER';");
    this.addSql('ALTER TABLE `evidence_document` ADD COLUMN `document_date` date null;');
    this.addSql('ALTER TABLE `evidence_document` ADD COLUMN `period_from` date null;');
    this.addSql('ALTER TABLE `evidence_document` ADD COLUMN `period_to` date null;');
    this.addSql('ALTER TABLE `evidence_document` ADD COLUMN `supersedes_id` text null;');
    this.addSql('CREATE INDEX `evidence_document_supersedes_id_index` on `evidence_document` (`supersedes_id`);');
  }

  override async down(): Promise<void> {
    this.addSql('DROP INDEX `evidence_document_supersedes_id_index`;');
    for (const column of ['supersedes_id', 'period_to', 'period_from', 'document_date', 'kind']) this.addSql(`ALTER TABLE \`evidence_document\` DROP COLUMN \`${column}\`;`);
  }
}
