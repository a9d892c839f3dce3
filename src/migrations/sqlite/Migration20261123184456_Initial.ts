import { Migration } from '@mikro-orm/migrations';

export class Migration20261123184456_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agreement\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`title\` text not null, \`kind\` text check (\`kind\` in ('PERFORMANCE_AGREEMENT', 'COVENANT', 'COOPERATION_AGREEMENT', 'PARTICIPATION_AGREEMENT', 'SERVICE_AGREEMENT', 'LETTER_OF_INTENT', 'OTHER')) not null default 'OTHER', \`description\` text null, \`signed_on\` date null, \`valid_from\` date null, \`valid_until\` date null, \`document_reference\` text null, primary key (\`id\`));`);

    this.addSql(`create table \`interaction\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`occurred_on\` date not null, \`kind\` text check (\`kind\` in ('MEETING', 'CONSULTATION', 'LETTER', 'EMAIL', 'PHONE', 'EVENT', 'SITE_VISIT', 'SURVEY', 'PUBLICATION')) not null default 'MEETING', \`subject\` text not null, \`summary\` text null, \`internal_participants\` json not null, primary key (\`id\`));`);
    this.addSql(`create index \`interaction_occurred_on_index\` on \`interaction\` (\`occurred_on\`);`);

    this.addSql(`create table \`follow_up_action\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`interaction_id\` text not null, \`description\` text not null, \`assignee\` text null, \`due_on\` date null, \`status\` text check (\`status\` in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')) not null default 'OPEN', \`completed_on\` date null, constraint \`follow_up_action_interaction_id_foreign\` foreign key(\`interaction_id\`) references \`interaction\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`follow_up_action_interaction_id_index\` on \`follow_up_action\` (\`interaction_id\`);`);
    this.addSql(`create index \`follow_up_action_status_due_on_index\` on \`follow_up_action\` (\`status\`, \`due_on\`);`);

    this.addSql(`create table \`stakeholder_category\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`key\` text not null, \`name\` text not null, \`description\` text null, \`sector\` text check (\`sector\` in ('HOUSING', 'CARE', 'EDUCATION', 'GENERAL')) not null default 'GENERAL', primary key (\`id\`));`);
    this.addSql(`create unique index \`stakeholder_category_key_unique\` on \`stakeholder_category\` (\`key\`);`);

    this.addSql(`create table \`stakeholder\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`kind\` text check (\`kind\` in ('ORGANISATION', 'GROUP', 'PERSON')) not null default 'ORGANISATION', \`name\` text not null, \`category_id\` text not null, \`description\` text null, \`website\` text null, \`relationship_owner\` text null, \`phase\` text check (\`phase\` in ('ATTRACT', 'DEVELOP', 'RETAIN', 'PHASE_OUT')) not null default 'DEVELOP', constraint \`stakeholder_category_id_foreign\` foreign key(\`category_id\`) references \`stakeholder_category\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`stakeholder_name_index\` on \`stakeholder\` (\`name\`);`);
    this.addSql(`create index \`stakeholder_category_id_index\` on \`stakeholder\` (\`category_id\`);`);

    this.addSql(`create table \`stakeholder_assessment\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`stakeholder_id\` text not null, \`assessed_on\` date not null, \`power\` integer not null, \`interest\` integer not null, \`has_power\` integer not null default false, \`has_legitimacy\` integer not null default false, \`has_urgency\` integer not null default false, \`assessed_by\` text null, \`note\` text null, constraint \`stakeholder_assessment_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`stakeholder_assessment_stakeholder_id_index\` on \`stakeholder_assessment\` (\`stakeholder_id\`);`);
    this.addSql(`create index \`stakeholder_assessment_stakeholder_id_assessed_on_index\` on \`stakeholder_assessment\` (\`stakeholder_id\`, \`assessed_on\`);`);

    this.addSql(`create table \`interest\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`stakeholder_id\` text not null, \`topic\` text not null, \`description\` text null, \`importance\` text check (\`importance\` in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', \`stance\` text check (\`stance\` in ('SUPPORTIVE', 'LEANING_SUPPORTIVE', 'NEUTRAL', 'LEANING_OPPOSED', 'OPPOSED')) not null default 'NEUTRAL', \`status\` text check (\`status\` in ('RAISED', 'UNDER_CONSIDERATION', 'ADDRESSED', 'DECLINED', 'CLOSED')) not null default 'RAISED', \`identified_on\` date not null, \`raised_in_id\` text null, \`response\` text null, \`responded_on\` date null, constraint \`interest_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on update cascade, constraint \`interest_raised_in_id_foreign\` foreign key(\`raised_in_id\`) references \`interaction\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`interest_stakeholder_id_index\` on \`interest\` (\`stakeholder_id\`);`);
    this.addSql(`create index \`interest_raised_in_id_index\` on \`interest\` (\`raised_in_id\`);`);

    this.addSql(`create table \`interaction_interests\` (\`interaction_id\` text not null, \`interest_id\` text not null, constraint \`interaction_interests_interaction_id_foreign\` foreign key(\`interaction_id\`) references \`interaction\`(\`id\`) on delete cascade on update cascade, constraint \`interaction_interests_interest_id_foreign\` foreign key(\`interest_id\`) references \`interest\`(\`id\`) on delete cascade on update cascade, primary key (\`interaction_id\`, \`interest_id\`));`);
    this.addSql(`create index \`interaction_interests_interaction_id_index\` on \`interaction_interests\` (\`interaction_id\`);`);
    this.addSql(`create index \`interaction_interests_interest_id_index\` on \`interaction_interests\` (\`interest_id\`);`);

    this.addSql(`create table \`interaction_stakeholders\` (\`interaction_id\` text not null, \`stakeholder_id\` text not null, constraint \`interaction_stakeholders_interaction_id_foreign\` foreign key(\`interaction_id\`) references \`interaction\`(\`id\`) on delete cascade on update cascade, constraint \`interaction_stakeholders_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on delete cascade on update cascade, primary key (\`interaction_id\`, \`stakeholder_id\`));`);
    this.addSql(`create index \`interaction_stakeholders_interaction_id_index\` on \`interaction_stakeholders\` (\`interaction_id\`);`);
    this.addSql(`create index \`interaction_stakeholders_stakeholder_id_index\` on \`interaction_stakeholders\` (\`stakeholder_id\`);`);

    this.addSql(`create table \`contact_person\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`stakeholder_id\` text not null, \`name\` text not null, \`role\` text null, \`email\` text null, \`phone\` text null, \`contact_permitted\` integer not null default true, constraint \`contact_person_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`contact_person_stakeholder_id_index\` on \`contact_person\` (\`stakeholder_id\`);`);

    this.addSql(`create table \`interaction_contact_persons\` (\`interaction_id\` text not null, \`contact_person_id\` text not null, constraint \`interaction_contact_persons_interaction_id_foreign\` foreign key(\`interaction_id\`) references \`interaction\`(\`id\`) on delete cascade on update cascade, constraint \`interaction_contact_persons_contact_person_id_foreign\` foreign key(\`contact_person_id\`) references \`contact_person\`(\`id\`) on delete cascade on update cascade, primary key (\`interaction_id\`, \`contact_person_id\`));`);
    this.addSql(`create index \`interaction_contact_persons_interaction_id_index\` on \`interaction_contact_persons\` (\`interaction_id\`);`);
    this.addSql(`create index \`interaction_contact_persons_contact_person_id_index\` on \`interaction_contact_persons\` (\`contact_person_id\`);`);

    this.addSql(`create table \`agreement_parties\` (\`agreement_id\` text not null, \`stakeholder_id\` text not null, constraint \`agreement_parties_agreement_id_foreign\` foreign key(\`agreement_id\`) references \`agreement\`(\`id\`) on delete cascade on update cascade, constraint \`agreement_parties_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on delete cascade on update cascade, primary key (\`agreement_id\`, \`stakeholder_id\`));`);
    this.addSql(`create index \`agreement_parties_agreement_id_index\` on \`agreement_parties\` (\`agreement_id\`);`);
    this.addSql(`create index \`agreement_parties_stakeholder_id_index\` on \`agreement_parties\` (\`stakeholder_id\`);`);

    this.addSql(`create table \`stakeholder_tag\` (\`id\` text not null, \`stakeholder_id\` text not null, \`tag\` text not null, constraint \`stakeholder_tag_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`stakeholder_tag_stakeholder_id_index\` on \`stakeholder_tag\` (\`stakeholder_id\`);`);
    this.addSql(`create index \`stakeholder_tag_tag_index\` on \`stakeholder_tag\` (\`tag\`);`);
    this.addSql(`create unique index \`stakeholder_tag_stakeholder_id_tag_unique\` on \`stakeholder_tag\` (\`stakeholder_id\`, \`tag\`);`);

    this.addSql(`create table \`strategic_goal\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`title\` text not null, \`description\` text null, \`period_start\` date not null, \`period_end\` date null, \`owner\` text null, \`status\` text check (\`status\` in ('PROPOSED', 'ACTIVE', 'ACHIEVED', 'NOT_ACHIEVED', 'CANCELLED')) not null default 'ACTIVE', \`kpi_indicator\` text null, \`kpi_unit\` text null, \`kpi_baseline\` double null, \`kpi_target\` double null, primary key (\`id\`));`);

    this.addSql(`create table \`strategic_goal_stakeholders\` (\`strategic_goal_id\` text not null, \`stakeholder_id\` text not null, constraint \`strategic_goal_stakeholders_strategic_goal_id_foreign\` foreign key(\`strategic_goal_id\`) references \`strategic_goal\`(\`id\`) on delete cascade on update cascade, constraint \`strategic_goal_stakeholders_stakeholder_id_foreign\` foreign key(\`stakeholder_id\`) references \`stakeholder\`(\`id\`) on delete cascade on update cascade, primary key (\`strategic_goal_id\`, \`stakeholder_id\`));`);
    this.addSql(`create index \`strategic_goal_stakeholders_strategic_goal_id_index\` on \`strategic_goal_stakeholders\` (\`strategic_goal_id\`);`);
    this.addSql(`create index \`strategic_goal_stakeholders_stakeholder_id_index\` on \`strategic_goal_stakeholders\` (\`stakeholder_id\`);`);

    this.addSql(`create table \`interest_goals\` (\`interest_id\` text not null, \`strategic_goal_id\` text not null, constraint \`interest_goals_interest_id_foreign\` foreign key(\`interest_id\`) references \`interest\`(\`id\`) on delete cascade on update cascade, constraint \`interest_goals_strategic_goal_id_foreign\` foreign key(\`strategic_goal_id\`) references \`strategic_goal\`(\`id\`) on delete cascade on update cascade, primary key (\`interest_id\`, \`strategic_goal_id\`));`);
    this.addSql(`create index \`interest_goals_interest_id_index\` on \`interest_goals\` (\`interest_id\`);`);
    this.addSql(`create index \`interest_goals_strategic_goal_id_index\` on \`interest_goals\` (\`strategic_goal_id\`);`);

    this.addSql(`create table \`interaction_goals\` (\`interaction_id\` text not null, \`strategic_goal_id\` text not null, constraint \`interaction_goals_interaction_id_foreign\` foreign key(\`interaction_id\`) references \`interaction\`(\`id\`) on delete cascade on update cascade, constraint \`interaction_goals_strategic_goal_id_foreign\` foreign key(\`strategic_goal_id\`) references \`strategic_goal\`(\`id\`) on delete cascade on update cascade, primary key (\`interaction_id\`, \`strategic_goal_id\`));`);
    this.addSql(`create index \`interaction_goals_interaction_id_index\` on \`interaction_goals\` (\`interaction_id\`);`);
    this.addSql(`create index \`interaction_goals_strategic_goal_id_index\` on \`interaction_goals\` (\`strategic_goal_id\`);`);

    this.addSql(`create table \`goal_measurement\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`archived_at\` datetime null, \`goal_id\` text not null, \`measured_on\` date not null, \`value\` double not null, \`note\` text null, constraint \`goal_measurement_goal_id_foreign\` foreign key(\`goal_id\`) references \`strategic_goal\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`goal_measurement_goal_id_index\` on \`goal_measurement\` (\`goal_id\`);`);
    this.addSql(`create index \`goal_measurement_goal_id_measured_on_index\` on \`goal_measurement\` (\`goal_id\`, \`measured_on\`);`);

    this.addSql(`create table \`agreement_goals\` (\`agreement_id\` text not null, \`strategic_goal_id\` text not null, constraint \`agreement_goals_agreement_id_foreign\` foreign key(\`agreement_id\`) references \`agreement\`(\`id\`) on delete cascade on update cascade, constraint \`agreement_goals_strategic_goal_id_foreign\` foreign key(\`strategic_goal_id\`) references \`strategic_goal\`(\`id\`) on delete cascade on update cascade, primary key (\`agreement_id\`, \`strategic_goal_id\`));`);
    this.addSql(`create index \`agreement_goals_agreement_id_index\` on \`agreement_goals\` (\`agreement_id\`);`);
    this.addSql(`create index \`agreement_goals_strategic_goal_id_index\` on \`agreement_goals\` (\`strategic_goal_id\`);`);
  }

}
