import { Migration } from '@mikro-orm/migrations';

// The PostgreSQL migration of this name adds these indexes. On SQLite MikroORM has indexed every
// foreign key from the first migration on, so they exist already; `if not exists` keeps the two
// folders in step without changing a database made by these migrations.
export class Migration20261203130000_RelationIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql("create index if not exists `contact_person_stakeholder_id_index` on `contact_person` (`stakeholder_id`);");
    this.addSql("create index if not exists `interest_stakeholder_id_index` on `interest` (`stakeholder_id`);");
    this.addSql("create index if not exists `strategic_goal_stakeholders_stakeholder_id_index` on `strategic_goal_stakeholders` (`stakeholder_id`);");
    this.addSql("create index if not exists `interaction_stakeholders_stakeholder_id_index` on `interaction_stakeholders` (`stakeholder_id`);");
  }
}
