import { Migration } from '@mikro-orm/migrations';

export class Migration20261123184456_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agreement" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "title" varchar(200) not null, "kind" text check ("kind" in ('PERFORMANCE_AGREEMENT', 'COVENANT', 'COOPERATION_AGREEMENT', 'PARTICIPATION_AGREEMENT', 'SERVICE_AGREEMENT', 'LETTER_OF_INTENT', 'OTHER')) not null default 'OTHER', "description" text null, "signed_on" date null, "valid_from" date null, "valid_until" date null, "document_reference" varchar(500) null, constraint "agreement_pkey" primary key ("id"));`);

    this.addSql(`create table "interaction" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "occurred_on" date not null, "kind" text check ("kind" in ('MEETING', 'CONSULTATION', 'LETTER', 'EMAIL', 'PHONE', 'EVENT', 'SITE_VISIT', 'SURVEY', 'PUBLICATION')) not null default 'MEETING', "subject" varchar(200) not null, "summary" text null, "internal_participants" jsonb not null, constraint "interaction_pkey" primary key ("id"));`);
    this.addSql(`create index "interaction_occurred_on_index" on "interaction" ("occurred_on");`);

    this.addSql(`create table "follow_up_action" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "interaction_id" uuid not null, "description" text not null, "assignee" varchar(200) null, "due_on" date null, "status" text check ("status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')) not null default 'OPEN', "completed_on" date null, constraint "follow_up_action_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_action_status_due_on_index" on "follow_up_action" ("status", "due_on");`);

    this.addSql(`create table "stakeholder_category" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "key" varchar(64) not null, "name" varchar(200) not null, "description" text null, "sector" text check ("sector" in ('HOUSING', 'CARE', 'EDUCATION', 'GENERAL')) not null default 'GENERAL', constraint "stakeholder_category_pkey" primary key ("id"));`);
    this.addSql(`alter table "stakeholder_category" add constraint "stakeholder_category_key_unique" unique ("key");`);

    this.addSql(`create table "stakeholder" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "kind" text check ("kind" in ('ORGANISATION', 'GROUP', 'PERSON')) not null default 'ORGANISATION', "name" varchar(200) not null, "category_id" uuid not null, "description" text null, "website" varchar(500) null, "relationship_owner" varchar(200) null, "phase" text check ("phase" in ('ATTRACT', 'DEVELOP', 'RETAIN', 'PHASE_OUT')) not null default 'DEVELOP', constraint "stakeholder_pkey" primary key ("id"));`);
    this.addSql(`create index "stakeholder_name_index" on "stakeholder" ("name");`);

    this.addSql(`create table "stakeholder_assessment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "stakeholder_id" uuid not null, "assessed_on" date not null, "power" smallint not null, "interest" smallint not null, "has_power" boolean not null default false, "has_legitimacy" boolean not null default false, "has_urgency" boolean not null default false, "assessed_by" varchar(200) null, "note" text null, constraint "stakeholder_assessment_pkey" primary key ("id"));`);
    this.addSql(`create index "stakeholder_assessment_stakeholder_id_assessed_on_index" on "stakeholder_assessment" ("stakeholder_id", "assessed_on");`);

    this.addSql(`create table "interest" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "stakeholder_id" uuid not null, "topic" varchar(200) not null, "description" text null, "importance" text check ("importance" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')) not null default 'MEDIUM', "stance" text check ("stance" in ('SUPPORTIVE', 'LEANING_SUPPORTIVE', 'NEUTRAL', 'LEANING_OPPOSED', 'OPPOSED')) not null default 'NEUTRAL', "status" text check ("status" in ('RAISED', 'UNDER_CONSIDERATION', 'ADDRESSED', 'DECLINED', 'CLOSED')) not null default 'RAISED', "identified_on" date not null, "raised_in_id" uuid null, "response" text null, "responded_on" date null, constraint "interest_pkey" primary key ("id"));`);

    this.addSql(`create table "interaction_interests" ("interaction_id" uuid not null, "interest_id" uuid not null, constraint "interaction_interests_pkey" primary key ("interaction_id", "interest_id"));`);

    this.addSql(`create table "interaction_stakeholders" ("interaction_id" uuid not null, "stakeholder_id" uuid not null, constraint "interaction_stakeholders_pkey" primary key ("interaction_id", "stakeholder_id"));`);

    this.addSql(`create table "contact_person" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "stakeholder_id" uuid not null, "name" varchar(200) not null, "role" varchar(200) null, "email" varchar(254) null, "phone" varchar(50) null, "contact_permitted" boolean not null default true, constraint "contact_person_pkey" primary key ("id"));`);

    this.addSql(`create table "interaction_contact_persons" ("interaction_id" uuid not null, "contact_person_id" uuid not null, constraint "interaction_contact_persons_pkey" primary key ("interaction_id", "contact_person_id"));`);

    this.addSql(`create table "agreement_parties" ("agreement_id" uuid not null, "stakeholder_id" uuid not null, constraint "agreement_parties_pkey" primary key ("agreement_id", "stakeholder_id"));`);

    this.addSql(`create table "stakeholder_tag" ("id" uuid not null, "stakeholder_id" uuid not null, "tag" varchar(64) not null, constraint "stakeholder_tag_pkey" primary key ("id"));`);
    this.addSql(`create index "stakeholder_tag_tag_index" on "stakeholder_tag" ("tag");`);
    this.addSql(`alter table "stakeholder_tag" add constraint "stakeholder_tag_stakeholder_id_tag_unique" unique ("stakeholder_id", "tag");`);

    this.addSql(`create table "strategic_goal" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "title" varchar(200) not null, "description" text null, "period_start" date not null, "period_end" date null, "owner" varchar(200) null, "status" text check ("status" in ('PROPOSED', 'ACTIVE', 'ACHIEVED', 'NOT_ACHIEVED', 'CANCELLED')) not null default 'ACTIVE', "kpi_indicator" varchar(200) null, "kpi_unit" varchar(50) null, "kpi_baseline" double precision null, "kpi_target" double precision null, constraint "strategic_goal_pkey" primary key ("id"));`);

    this.addSql(`create table "strategic_goal_stakeholders" ("strategic_goal_id" uuid not null, "stakeholder_id" uuid not null, constraint "strategic_goal_stakeholders_pkey" primary key ("strategic_goal_id", "stakeholder_id"));`);

    this.addSql(`create table "interest_goals" ("interest_id" uuid not null, "strategic_goal_id" uuid not null, constraint "interest_goals_pkey" primary key ("interest_id", "strategic_goal_id"));`);

    this.addSql(`create table "interaction_goals" ("interaction_id" uuid not null, "strategic_goal_id" uuid not null, constraint "interaction_goals_pkey" primary key ("interaction_id", "strategic_goal_id"));`);

    this.addSql(`create table "goal_measurement" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "goal_id" uuid not null, "measured_on" date not null, "value" double precision not null, "note" text null, constraint "goal_measurement_pkey" primary key ("id"));`);
    this.addSql(`create index "goal_measurement_goal_id_measured_on_index" on "goal_measurement" ("goal_id", "measured_on");`);

    this.addSql(`create table "agreement_goals" ("agreement_id" uuid not null, "strategic_goal_id" uuid not null, constraint "agreement_goals_pkey" primary key ("agreement_id", "strategic_goal_id"));`);

    this.addSql(`alter table "follow_up_action" add constraint "follow_up_action_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade;`);

    this.addSql(`alter table "stakeholder" add constraint "stakeholder_category_id_foreign" foreign key ("category_id") references "stakeholder_category" ("id") on update cascade;`);

    this.addSql(`alter table "stakeholder_assessment" add constraint "stakeholder_assessment_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade;`);

    this.addSql(`alter table "interest" add constraint "interest_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade;`);
    this.addSql(`alter table "interest" add constraint "interest_raised_in_id_foreign" foreign key ("raised_in_id") references "interaction" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "interaction_interests" add constraint "interaction_interests_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interaction_interests" add constraint "interaction_interests_interest_id_foreign" foreign key ("interest_id") references "interest" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "interaction_stakeholders" add constraint "interaction_stakeholders_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interaction_stakeholders" add constraint "interaction_stakeholders_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "contact_person" add constraint "contact_person_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade;`);

    this.addSql(`alter table "interaction_contact_persons" add constraint "interaction_contact_persons_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interaction_contact_persons" add constraint "interaction_contact_persons_contact_person_id_foreign" foreign key ("contact_person_id") references "contact_person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "agreement_parties" add constraint "agreement_parties_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agreement_parties" add constraint "agreement_parties_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "stakeholder_tag" add constraint "stakeholder_tag_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "strategic_goal_stakeholders" add constraint "strategic_goal_stakeholders_strategic_goal_id_foreign" foreign key ("strategic_goal_id") references "strategic_goal" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "strategic_goal_stakeholders" add constraint "strategic_goal_stakeholders_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "interest_goals" add constraint "interest_goals_interest_id_foreign" foreign key ("interest_id") references "interest" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interest_goals" add constraint "interest_goals_strategic_goal_id_foreign" foreign key ("strategic_goal_id") references "strategic_goal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "interaction_goals" add constraint "interaction_goals_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "interaction_goals" add constraint "interaction_goals_strategic_goal_id_foreign" foreign key ("strategic_goal_id") references "strategic_goal" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "goal_measurement" add constraint "goal_measurement_goal_id_foreign" foreign key ("goal_id") references "strategic_goal" ("id") on update cascade;`);

    this.addSql(`alter table "agreement_goals" add constraint "agreement_goals_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agreement_goals" add constraint "agreement_goals_strategic_goal_id_foreign" foreign key ("strategic_goal_id") references "strategic_goal" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agreement_parties" drop constraint "agreement_parties_agreement_id_foreign";`);

    this.addSql(`alter table "agreement_goals" drop constraint "agreement_goals_agreement_id_foreign";`);

    this.addSql(`alter table "follow_up_action" drop constraint "follow_up_action_interaction_id_foreign";`);

    this.addSql(`alter table "interest" drop constraint "interest_raised_in_id_foreign";`);

    this.addSql(`alter table "interaction_interests" drop constraint "interaction_interests_interaction_id_foreign";`);

    this.addSql(`alter table "interaction_stakeholders" drop constraint "interaction_stakeholders_interaction_id_foreign";`);

    this.addSql(`alter table "interaction_contact_persons" drop constraint "interaction_contact_persons_interaction_id_foreign";`);

    this.addSql(`alter table "interaction_goals" drop constraint "interaction_goals_interaction_id_foreign";`);

    this.addSql(`alter table "stakeholder" drop constraint "stakeholder_category_id_foreign";`);

    this.addSql(`alter table "stakeholder_assessment" drop constraint "stakeholder_assessment_stakeholder_id_foreign";`);

    this.addSql(`alter table "interest" drop constraint "interest_stakeholder_id_foreign";`);

    this.addSql(`alter table "interaction_stakeholders" drop constraint "interaction_stakeholders_stakeholder_id_foreign";`);

    this.addSql(`alter table "contact_person" drop constraint "contact_person_stakeholder_id_foreign";`);

    this.addSql(`alter table "agreement_parties" drop constraint "agreement_parties_stakeholder_id_foreign";`);

    this.addSql(`alter table "stakeholder_tag" drop constraint "stakeholder_tag_stakeholder_id_foreign";`);

    this.addSql(`alter table "strategic_goal_stakeholders" drop constraint "strategic_goal_stakeholders_stakeholder_id_foreign";`);

    this.addSql(`alter table "interaction_interests" drop constraint "interaction_interests_interest_id_foreign";`);

    this.addSql(`alter table "interest_goals" drop constraint "interest_goals_interest_id_foreign";`);

    this.addSql(`alter table "interaction_contact_persons" drop constraint "interaction_contact_persons_contact_person_id_foreign";`);

    this.addSql(`alter table "strategic_goal_stakeholders" drop constraint "strategic_goal_stakeholders_strategic_goal_id_foreign";`);

    this.addSql(`alter table "interest_goals" drop constraint "interest_goals_strategic_goal_id_foreign";`);

    this.addSql(`alter table "interaction_goals" drop constraint "interaction_goals_strategic_goal_id_foreign";`);

    this.addSql(`alter table "goal_measurement" drop constraint "goal_measurement_goal_id_foreign";`);

    this.addSql(`alter table "agreement_goals" drop constraint "agreement_goals_strategic_goal_id_foreign";`);

    this.addSql(`drop table if exists "agreement" cascade;`);

    this.addSql(`drop table if exists "interaction" cascade;`);

    this.addSql(`drop table if exists "follow_up_action" cascade;`);

    this.addSql(`drop table if exists "stakeholder_category" cascade;`);

    this.addSql(`drop table if exists "stakeholder" cascade;`);

    this.addSql(`drop table if exists "stakeholder_assessment" cascade;`);

    this.addSql(`drop table if exists "interest" cascade;`);

    this.addSql(`drop table if exists "interaction_interests" cascade;`);

    this.addSql(`drop table if exists "interaction_stakeholders" cascade;`);

    this.addSql(`drop table if exists "contact_person" cascade;`);

    this.addSql(`drop table if exists "interaction_contact_persons" cascade;`);

    this.addSql(`drop table if exists "agreement_parties" cascade;`);

    this.addSql(`drop table if exists "stakeholder_tag" cascade;`);

    this.addSql(`drop table if exists "strategic_goal" cascade;`);

    this.addSql(`drop table if exists "strategic_goal_stakeholders" cascade;`);

    this.addSql(`drop table if exists "interest_goals" cascade;`);

    this.addSql(`drop table if exists "interaction_goals" cascade;`);

    this.addSql(`drop table if exists "goal_measurement" cascade;`);

    this.addSql(`drop table if exists "agreement_goals" cascade;`);
  }

}
