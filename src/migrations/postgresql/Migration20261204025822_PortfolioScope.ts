import { Migration } from '@mikro-orm/migrations';

// Stakeholders whose relationship owner (free text) is exactly the name or e-mail address of one
// active user, in any letter case, are linked to that user; names that match no user, or more
// than one, stay unlinked (an administrator links them with updateStakeholder's ownerIds).
export class Migration20261204025822_PortfolioScope extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "stakeholder_owners" ("stakeholder_id" uuid not null, "user_id" uuid not null, constraint "stakeholder_owners_pkey" primary key ("stakeholder_id", "user_id"));`);
    this.addSql(`create index "stakeholder_owners_user_id_index" on "stakeholder_owners" ("user_id");`);

    this.addSql(`create table "app_user_scope_categories" ("user_id" uuid not null, "stakeholder_category_id" uuid not null, constraint "app_user_scope_categories_pkey" primary key ("user_id", "stakeholder_category_id"));`);

    this.addSql(`alter table "stakeholder_owners" add constraint "stakeholder_owners_stakeholder_id_foreign" foreign key ("stakeholder_id") references "stakeholder" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stakeholder_owners" add constraint "stakeholder_owners_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_user_scope_categories" add constraint "app_user_scope_categories_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "app_user_scope_categories" add constraint "app_user_scope_categories_stakeholder_category_id_foreign" foreign key ("stakeholder_category_id") references "stakeholder_category" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_user" add column "scope" text check ("scope" in ('ALL', 'OWN', 'CATEGORIES')) not null default 'ALL', add column "contact_details_hidden" boolean not null default false;`);

    this.addSql(`insert into "stakeholder_owners" ("stakeholder_id", "user_id")
      select s.id, (array_agg(u.id))[1] from stakeholder s
        join app_user u on u.archived_at is null and lower(trim(s.relationship_owner)) in (lower(trim(u.name)), lower(u.email))
      where s.relationship_owner is not null
      group by s.id having count(*) = 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stakeholder_owners" cascade;`);

    this.addSql(`drop table if exists "app_user_scope_categories" cascade;`);

    this.addSql(`alter table "app_user" drop column "scope", drop column "contact_details_hidden";`);
  }

}
