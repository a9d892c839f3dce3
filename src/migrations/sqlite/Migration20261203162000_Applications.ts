import { Migration } from '@mikro-orm/migrations';

// Written by hand (scripts/create-migration.ts stops on changed SQLite tables): the new table as
// the entities' schema generates it; then the decisions taken so far; then the obligation's own
// columns go (DROP COLUMN needs no rebuild: nothing else refers to them).
export class Migration20261203162000_Applications extends Migration {
  override async up(): Promise<void> {
    this.addSql("CREATE TABLE `obligation_application` (`id` text not null, `created_at` datetime not null, `updated_at` datetime not null, `revision` integer not null default 1, `archived_at` datetime null, `obligation_id` text not null, `effective_from` date not null, `application` text check (`application` in ('APPLY', 'EXPLAIN')) not null, `explanation` text null, `decided_by` text null, `decided_on` date not null, `review_on` date null, constraint `obligation_application_obligation_id_foreign` foreign key(`obligation_id`) references `obligation`(`id`) on update cascade, primary key (`id`));");
    this.addSql('CREATE INDEX `obligation_application_obligation_id_index` on `obligation_application` (`obligation_id`);');
    this.addSql('CREATE INDEX `obligation_application_obligation_id_effective_from_index` on `obligation_application` (`obligation_id`, `effective_from`);');
    // An obligation explained so far was explained for every moment it has (from its earliest), as of the day the explanation
    // was given: the same answer for every moment and every as-of date (the obligation's own id).
    this.addSql("insert into `obligation_application` (`id`, `created_at`, `updated_at`, `revision`, `obligation_id`, `effective_from`, `application`, `explanation`, `decided_on`) select `id`, `updated_at`, `updated_at`, 1, `id`, min(`active_from`, `schedule_start`, coalesce((select min(m.`due_on`) from `accountability_moment` m where m.`obligation_id` = `obligation`.`id`), `active_from`)), 'EXPLAIN', `explanation`, `explained_on` from `obligation` where `application` = 'EXPLAIN';");
    this.addSql('ALTER TABLE `obligation` DROP COLUMN `application`;');
    this.addSql('ALTER TABLE `obligation` DROP COLUMN `explanation`;');
    this.addSql('ALTER TABLE `obligation` DROP COLUMN `explained_on`;');
  }
}
