import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Calendar feed links (issue 12, defect 10): a person's read-only secret for the iCalendar feeds,
 * so that a calendar application's URL carries no API bearer token.
 *
 * Only the SHA-256 of each secret is stored (the secrets are 256 random bits, so a plain hash is
 * enough); the secret itself is shown once, when issued. A person may hold several, one per device
 * or application, each revoked on its own. Revoked rows stay (when, which label) until the person is
 * erased. A request finds its link by the hash alone, through `calendar_feed_secret_idx`; the unique
 * key includes `area_id`, as every key of area-owned data does.
 */
export class Migration20261201000000_calendar_feeds extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'calendar_feed' }];

  override up(): void {
    this.addSql(`
      create table calendar_feed (
        area_id uuid not null,
        id uuid not null,
        person_id uuid not null,
        label text not null check (char_length(label) between 1 and 100),
        secret_sha256 text not null check (secret_sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        primary key (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id)
      );
      create unique index calendar_feed_secret_uq on calendar_feed (area_id, secret_sha256);
      create index calendar_feed_secret_idx on calendar_feed (secret_sha256) where revoked_at is null;
      create index calendar_feed_person_idx on calendar_feed (area_id, person_id) where revoked_at is null;
    `);
  }

  override down(): void {
    this.addSql('drop table calendar_feed;');
  }
}
