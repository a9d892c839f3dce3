import { Migration } from '@mikro-orm/migrations';

export class Migration20261203161000_DatedEvidence extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "evidence_document" add column "kind" text check ("kind" in ('MINUTES', 'REPORT', 'PUBLICATION', 'LETTER', 'ATTENDANCE_LIST', 'DECISION', 'OTHER')) not null default 'OTHER', add column "document_date" date null, add column "period_from" date null, add column "period_to" date null, add column "supersedes_id" uuid null;`);
    this.addSql(`create index "evidence_document_supersedes_id_index" on "evidence_document" ("supersedes_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "evidence_document_supersedes_id_index";`);
    this.addSql(`alter table "evidence_document" drop column "kind", drop column "document_date", drop column "period_from", drop column "period_to", drop column "supersedes_id";`);
  }

}
