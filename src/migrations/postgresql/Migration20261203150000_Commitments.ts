import { Migration } from '@mikro-orm/migrations';

export class Migration20261203150000_Commitments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "commitment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, "archived_at" timestamptz null, "description" text not null, "made_by" varchar(200) not null, "made_on" date not null, "due_on" date not null, "interaction_id" uuid null, "accountability_moment_id" uuid null, "delivered_on" date null, "delivery_evidence" varchar(500) null, "delivery_note" text null, "withdrawn_on" date null, "withdrawal_reason" text null, constraint "commitment_pkey" primary key ("id"));`);
    this.addSql(`create index "commitment_due_on_index" on "commitment" ("due_on");`);

    this.addSql(`create table "commitment_contact_persons" ("commitment_id" uuid not null, "contact_person_id" uuid not null, constraint "commitment_contact_persons_pkey" primary key ("commitment_id", "contact_person_id"));`);

    this.addSql(`create table "commitment_stakeholders" ("commitment_id" uuid not null, "stakeholder_id" uuid not null, constraint "commitment_stakeholders_pkey" primary key ("commitment_id", "stakeholder_id"));`);

    this.addSql(`alter table "commitment" add constraint "commitment_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "commitment" add constraint "commitment_accountability_moment_id_foreign" foreign key ("accountability_moment_id") references "accountability_moment" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "commitment_contact_persons" add constraint "commitment_contact_persons_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commitment_contact_persons" add constraint "commitment_contact_persons_contact_person_id_foreign" foreign key ("contact_person_id") references "contact_person" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "commitment_stakeholders" add constraint "commitment_stakeholders_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commitment_stakeholders" add constraint "commitment_stakeholders_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "commitment_contact_persons" drop constraint "commitment_contact_persons_commitment_id_foreign";`);

    this.addSql(`alter table "commitment_stakeholders" drop constraint "commitment_stakeholders_commitment_id_foreign";`);

    this.addSql(`drop table if exists "commitment" cascade;`);

    this.addSql(`drop table if exists "commitment_contact_persons" cascade;`);

    this.addSql(`drop table if exists "commitment_stakeholders" cascade;`);
  }

}
