import { Migration } from '@mikro-orm/migrations';

// PostgreSQL indexes no foreign key by itself: a stakeholder's contacts and interests, and its
// goals and interactions through the pivots (whose primary keys start with the other column),
// were each a sequential scan.
export class Migration20261203130000_RelationIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "contact_person_stakeholder_id_index" on "contact_person" ("stakeholder_id");`);
    this.addSql(`create index "interest_stakeholder_id_index" on "interest" ("stakeholder_id");`);
    this.addSql(`create index "strategic_goal_stakeholders_stakeholder_id_index" on "strategic_goal_stakeholders" ("stakeholder_id");`);
    this.addSql(`create index "interaction_stakeholders_stakeholder_id_index" on "interaction_stakeholders" ("stakeholder_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "contact_person_stakeholder_id_index";`);
    this.addSql(`drop index "interest_stakeholder_id_index";`);
    this.addSql(`drop index "strategic_goal_stakeholders_stakeholder_id_index";`);
    this.addSql(`drop index "interaction_stakeholders_stakeholder_id_index";`);
  }

}
