import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170000_SignIn extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "user_session" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, "archived_at" timestamptz null, "user_id" uuid not null, "secret_hash" varchar(64) not null, "csrf_hash" varchar(64) not null, "issuer" varchar(500) not null, "expires_at" timestamptz not null, "ended_at" timestamptz null, constraint "user_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "user_session" add constraint "user_session_secret_hash_unique" unique ("secret_hash");`);
    this.addSql(`create index "user_session_expires_at_index" on "user_session" ("expires_at");`);

    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);

    this.addSql(`alter table "app_user" add column "oidc_issuer" varchar(500) null, add column "oidc_subject" varchar(255) null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_oidc_issuer_oidc_subject_unique" unique ("oidc_issuer", "oidc_subject");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "user_session" cascade;`);

    this.addSql(`alter table "app_user" drop constraint "app_user_oidc_issuer_oidc_subject_unique";`);
    this.addSql(`alter table "app_user" drop column "oidc_issuer", drop column "oidc_subject";`);
  }

}
