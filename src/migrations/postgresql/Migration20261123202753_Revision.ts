import { Migration } from '@mikro-orm/migrations';

export class Migration20261123202753_Revision extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "agreement" add column "revision" int not null default 1;`);

    this.addSql(`alter table "governance_code" add column "revision" int not null default 1;`);

    this.addSql(`alter table "code_provision" add column "revision" int not null default 1;`);

    this.addSql(`alter table "interaction" add column "revision" int not null default 1;`);

    this.addSql(`alter table "follow_up_action" add column "revision" int not null default 1;`);

    this.addSql(`alter table "obligation" add column "revision" int not null default 1;`);

    this.addSql(`alter table "accountability_moment" add column "revision" int not null default 1;`);

    this.addSql(`alter table "evidence_document" add column "revision" int not null default 1;`);

    this.addSql(`alter table "stakeholder_category" add column "revision" int not null default 1;`);

    this.addSql(`alter table "stakeholder" add column "revision" int not null default 1;`);

    this.addSql(`alter table "stakeholder_assessment" add column "revision" int not null default 1;`);

    this.addSql(`alter table "interest" add column "revision" int not null default 1;`);

    this.addSql(`alter table "contact_person" add column "revision" int not null default 1;`);

    this.addSql(`alter table "strategic_goal" add column "revision" int not null default 1;`);

    this.addSql(`alter table "goal_measurement" add column "revision" int not null default 1;`);

    this.addSql(`alter table "app_user" add column "revision" int not null default 1;`);

    this.addSql(`alter table "api_token" add column "revision" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "accountability_moment" drop column "revision";`);

    this.addSql(`alter table "agreement" drop column "revision";`);

    this.addSql(`alter table "api_token" drop column "revision";`);

    this.addSql(`alter table "app_user" drop column "revision";`);

    this.addSql(`alter table "code_provision" drop column "revision";`);

    this.addSql(`alter table "contact_person" drop column "revision";`);

    this.addSql(`alter table "evidence_document" drop column "revision";`);

    this.addSql(`alter table "follow_up_action" drop column "revision";`);

    this.addSql(`alter table "goal_measurement" drop column "revision";`);

    this.addSql(`alter table "governance_code" drop column "revision";`);

    this.addSql(`alter table "interaction" drop column "revision";`);

    this.addSql(`alter table "interest" drop column "revision";`);

    this.addSql(`alter table "obligation" drop column "revision";`);

    this.addSql(`alter table "stakeholder" drop column "revision";`);

    this.addSql(`alter table "stakeholder_assessment" drop column "revision";`);

    this.addSql(`alter table "stakeholder_category" drop column "revision";`);

    this.addSql(`alter table "strategic_goal" drop column "revision";`);
  }

}
