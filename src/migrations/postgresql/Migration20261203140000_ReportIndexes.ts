import { Migration } from '@mikro-orm/migrations';

// Indexes that hold every column the reports read of a moment (by due date, by held date) and
// of an interaction (by day), so that they answer without reading the wide rows; each replaces
// the one-column index it starts with.
export class Migration20261203140000_ReportIndexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "interaction_occurred_on_index";`);

    this.addSql(`create index "interaction_occurred_on_archived_at_id_index" on "interaction" ("occurred_on", "archived_at", "id");`);

    this.addSql(`drop index "accountability_moment_due_on_index";`);
    this.addSql(`drop index "accountability_moment_held_on_index";`);

    this.addSql(`create index "accountability_moment_held_on_obligation_id_index" on "accountability_moment" ("held_on", "obligation_id");`);
    this.addSql(`create index "accountability_moment_report_index" on "accountability_moment" ("due_on", "id", "obligation_id", "held_on", "waived_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "accountability_moment_held_on_obligation_id_index";`);
    this.addSql(`drop index "accountability_moment_report_index";`);

    this.addSql(`create index "accountability_moment_due_on_index" on "accountability_moment" ("due_on");`);
    this.addSql(`create index "accountability_moment_held_on_index" on "accountability_moment" ("held_on");`);

    this.addSql(`drop index "interaction_occurred_on_archived_at_id_index";`);

    this.addSql(`create index "interaction_occurred_on_index" on "interaction" ("occurred_on");`);
  }

}
