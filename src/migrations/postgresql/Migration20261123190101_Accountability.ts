import { Migration } from '@mikro-orm/migrations';

export class Migration20261123190101_Accountability extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "governance_code" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "key" varchar(100) not null, "title" varchar(200) not null, "issuer" varchar(200) not null, "sector" text check ("sector" in ('HOUSING', 'CARE', 'EDUCATION', 'GENERAL')) not null default 'GENERAL', "version" varchar(50) null, "effective_from" date null, "source_url" varchar(500) null, "summary" text null, "origin" text check ("origin" in ('CATALOGUE', 'USER')) not null default 'USER', constraint "governance_code_pkey" primary key ("id"));`);
    this.addSql(`alter table "governance_code" add constraint "governance_code_key_unique" unique ("key");`);

    this.addSql(`create table "code_provision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "code_id" uuid not null, "reference" varchar(50) not null, "title" varchar(300) not null, "summary" text null, "position" int not null default 0, "parent_id" uuid null, constraint "code_provision_pkey" primary key ("id"));`);
    this.addSql(`alter table "code_provision" add constraint "code_provision_code_id_reference_unique" unique ("code_id", "reference");`);

    this.addSql(`create table "obligation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "title" varchar(200) not null, "description" text null, "agreement_id" uuid null, "form" text check ("form" in ('ANNUAL_REPORT', 'MEETING', 'CONSULTATION', 'WRITTEN_REPORT', 'PUBLICATION', 'VISITATION', 'ADVICE_OR_CONSENT_REQUEST', 'OTHER')) not null default 'OTHER', "responsible" varchar(200) null, "recurrence_rule" varchar(500) null, "schedule_start" date not null, "due_on" date null, "warning_days" int not null default 30, "active_from" date not null, "active_until" date null, "application" text check ("application" in ('APPLY', 'EXPLAIN')) not null default 'APPLY', "explanation" text null, "explained_on" date null, constraint "obligation_pkey" primary key ("id"));`);

    this.addSql(`create table "accountability_moment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "obligation_id" uuid not null, "due_on" date not null, "held_on" date null, "minutes" text null, "interaction_id" uuid null, "waived_on" date null, "waiver_reason" text null, constraint "accountability_moment_pkey" primary key ("id"));`);
    this.addSql(`create index "accountability_moment_held_on_index" on "accountability_moment" ("held_on");`);
    this.addSql(`create index "accountability_moment_due_on_index" on "accountability_moment" ("due_on");`);
    this.addSql(`alter table "accountability_moment" add constraint "accountability_moment_obligation_id_due_on_unique" unique ("obligation_id", "due_on");`);

    this.addSql(`create table "evidence_document" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, "moment_id" uuid not null, "title" varchar(300) not null, "reference" varchar(500) not null, constraint "evidence_document_pkey" primary key ("id"));`);

    this.addSql(`create table "obligation_provisions" ("obligation_id" uuid not null, "code_provision_id" uuid not null, constraint "obligation_provisions_pkey" primary key ("obligation_id", "code_provision_id"));`);

    this.addSql(`create table "obligation_audience_stakeholders" ("obligation_id" uuid not null, "stakeholder_id" uuid not null, constraint "obligation_audience_stakeholders_pkey" primary key ("obligation_id", "stakeholder_id"));`);

    this.addSql(`create table "accountability_moment_contacts" ("accountability_moment_id" uuid not null, "contact_person_id" uuid not null, constraint "accountability_moment_contacts_pkey" primary key ("accountability_moment_id", "contact_person_id"));`);

    this.addSql(`create table "accountability_moment_participants" ("accountability_moment_id" uuid not null, "stakeholder_id" uuid not null, constraint "accountability_moment_participants_pkey" primary key ("accountability_moment_id", "stakeholder_id"));`);

    this.addSql(`create table "obligation_audience_categories" ("obligation_id" uuid not null, "stakeholder_category_id" uuid not null, constraint "obligation_audience_categories_pkey" primary key ("obligation_id", "stakeholder_category_id"));`);

    this.addSql(`alter table "code_provision" add constraint "code_provision_code_id_foreign" foreign key ("code_id") references "governance_code" ("id") on update cascade;`);
    this.addSql(`alter table "code_provision" add constraint "code_provision_parent_id_foreign" foreign key ("parent_id") references "code_provision" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "obligation" add constraint "obligation_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "accountability_moment" add constraint "accountability_moment_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade;`);
    this.addSql(`alter table "accountability_moment" add constraint "accountability_moment_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "evidence_document" add constraint "evidence_document_moment_id_foreign" foreign key ("moment_id") references "accountability_moment" ("id") on update cascade;`);

    this.addSql(`alter table "obligation_provisions" add constraint "obligation_provisions_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "obligation_provisions" add constraint "obligation_provisions_code_provision_id_foreign" foreign key ("code_provision_id") references "code_provision" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "obligation_audience_stakeholders" add constraint "obligation_audience_stakeholders_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "obligation_audience_stakeholders" add constraint "obligation_audience_stakeholders_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "accountability_moment_contacts" add constraint "accountability_moment_contacts_accountability_moment_id_foreign" foreign key ("accountability_moment_id") references "accountability_moment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "accountability_moment_contacts" add constraint "accountability_moment_contacts_contact_person_id_foreign" foreign key ("contact_person_id") references "contact_person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "accountability_moment_participants" add constraint "accountability_moment_participants_accountabilit_0ad73_foreign" foreign key ("accountability_moment_id") references "accountability_moment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "accountability_moment_participants" add constraint "accountability_moment_participants_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "obligation_audience_categories" add constraint "obligation_audience_categories_obligation_id_foreign" foreign key ("obligation_id") references "obligation" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "obligation_audience_categories" add constraint "obligation_audience_categories_stakeholder_category_id_foreign" foreign key ("stakeholder_category_id") references "stakeholder_category" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "code_provision" drop constraint "code_provision_code_id_foreign";`);

    this.addSql(`alter table "code_provision" drop constraint "code_provision_parent_id_foreign";`);

    this.addSql(`alter table "obligation_provisions" drop constraint "obligation_provisions_code_provision_id_foreign";`);

    this.addSql(`alter table "accountability_moment" drop constraint "accountability_moment_obligation_id_foreign";`);

    this.addSql(`alter table "obligation_provisions" drop constraint "obligation_provisions_obligation_id_foreign";`);

    this.addSql(`alter table "obligation_audience_stakeholders" drop constraint "obligation_audience_stakeholders_obligation_id_foreign";`);

    this.addSql(`alter table "obligation_audience_categories" drop constraint "obligation_audience_categories_obligation_id_foreign";`);

    this.addSql(`alter table "evidence_document" drop constraint "evidence_document_moment_id_foreign";`);

    this.addSql(`alter table "accountability_moment_contacts" drop constraint "accountability_moment_contacts_accountability_moment_id_foreign";`);

    this.addSql(`alter table "accountability_moment_participants" drop constraint "accountability_moment_participants_accountabilit_0ad73_foreign";`);

    this.addSql(`drop table if exists "governance_code" cascade;`);

    this.addSql(`drop table if exists "code_provision" cascade;`);

    this.addSql(`drop table if exists "obligation" cascade;`);

    this.addSql(`drop table if exists "accountability_moment" cascade;`);

    this.addSql(`drop table if exists "evidence_document" cascade;`);

    this.addSql(`drop table if exists "obligation_provisions" cascade;`);

    this.addSql(`drop table if exists "obligation_audience_stakeholders" cascade;`);

    this.addSql(`drop table if exists "accountability_moment_contacts" cascade;`);

    this.addSql(`drop table if exists "accountability_moment_participants" cascade;`);

    this.addSql(`drop table if exists "obligation_audience_categories" cascade;`);
  }

}
