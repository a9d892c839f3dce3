import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on a changed table): ADD COLUMN needs no
// rebuild of app_user; the link tables and indexes as the entities' schema generates them.
// Stakeholders whose relationship owner (free text) is exactly the name or e-mail address of one
// active user, in any letter case, are linked to that user; names that match no user, or more
// than one, stay unlinked (an administrator links them with updateStakeholder's ownerIds).
export class Migration20261204025822_PortfolioScope extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE `app_user` ADD COLUMN `scope` text check (`scope` in ('ALL', 'OWN', 'CATEGORIES')) not null default 'ALL';");
    this.addSql('ALTER TABLE `app_user` ADD COLUMN `contact_details_hidden` integer not null default false;');
    this.addSql('CREATE TABLE `stakeholder_owners` (`stakeholder_id` text not null, `user_id` text not null, constraint `stakeholder_owners_stakeholder_id_foreign` foreign key(`stakeholder_id`) references `stakeholder`(`id`) on delete cascade on update cascade, constraint `stakeholder_owners_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on delete cascade on update cascade, primary key (`stakeholder_id`, `user_id`));');
    this.addSql('CREATE INDEX `stakeholder_owners_stakeholder_id_index` on `stakeholder_owners` (`stakeholder_id`);');
    this.addSql('CREATE INDEX `stakeholder_owners_user_id_index` on `stakeholder_owners` (`user_id`);');
    this.addSql('CREATE TABLE `app_user_scope_categories` (`user_id` text not null, `stakeholder_category_id` text not null, constraint `app_user_scope_categories_user_id_foreign` foreign key(`user_id`) references `app_user`(`id`) on delete cascade on update cascade, constraint `app_user_scope_categories_stakeholder_category_id_foreign` foreign key(`stakeholder_category_id`) references `stakeholder_category`(`id`) on delete cascade on update cascade, primary key (`user_id`, `stakeholder_category_id`));');
    this.addSql('CREATE INDEX `app_user_scope_categories_user_id_index` on `app_user_scope_categories` (`user_id`);');
    this.addSql('CREATE INDEX `app_user_scope_categories_stakeholder_category_id_index` on `app_user_scope_categories` (`stakeholder_category_id`);');
    this.addSql(`insert into stakeholder_owners (stakeholder_id, user_id)
      select s.id, min(u.id) from stakeholder s
        join app_user u on u.archived_at is null and lower(trim(s.relationship_owner)) in (lower(trim(u.name)), lower(u.email))
      where s.relationship_owner is not null
      group by s.id having count(*) = 1;`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE `app_user_scope_categories`;');
    this.addSql('DROP TABLE `stakeholder_owners`;');
    this.addSql('ALTER TABLE `app_user` DROP COLUMN `contact_details_hidden`;');
    this.addSql('ALTER TABLE `app_user` DROP COLUMN `scope`;');
  }
}
