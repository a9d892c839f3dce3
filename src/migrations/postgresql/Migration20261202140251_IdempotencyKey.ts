import { Migration } from '@mikro-orm/migrations';

export class Migration20261202140251_IdempotencyKey extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_record" add column "idempotency_key" varchar(300) null, add column "request_hash" varchar(64) null;`);
    this.addSql(`alter table "audit_record" add constraint "audit_record_user_id_idempotency_key_unique" unique ("user_id", "idempotency_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_record" drop constraint "audit_record_user_id_idempotency_key_unique";`);
    this.addSql(`alter table "audit_record" drop column "idempotency_key", drop column "request_hash";`);
  }

}
