import { Migration } from '@mikro-orm/migrations';

export class Migration20261123193859_PlannedUntil extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "obligation" add column "planned_until" date null;`);
    this.addSql(`create index "obligation_planned_until_index" on "obligation" ("planned_until");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "obligation_planned_until_index";`);
    this.addSql(`alter table "obligation" drop column "planned_until";`);
  }

}
