import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Change signals for live updates: a write to a proposal, to a meeting or its agenda, attendance or
 * minutes, and a new notification each queue a NOTIFY on the channel `triada_changes` in the
 * writing transaction. PostgreSQL delivers it to every listening service process when that
 * transaction commits, and never when it rolls back; identical signals of one transaction are
 * delivered once. The payload holds ids only: each process reads again what it sends to whom.
 */
export class Migration20261202170000_change_signals extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [];

  override up(): void {
    this.addSql(`
      create function triada_signal_proposal() returns trigger language plpgsql as $$
      begin
        perform pg_notify('triada_changes', json_build_object('kind', 'proposal', 'areaId', new.area_id, 'id', new.id)::text);
        return null;
      end $$;
      create function triada_signal_meeting() returns trigger language plpgsql as $$
      begin
        perform pg_notify('triada_changes', json_build_object('kind', 'meeting', 'areaId', new.area_id, 'id', new.id, 'bodyId', new.body_id)::text);
        return null;
      end $$;
      create function triada_signal_meeting_part() returns trigger language plpgsql as $$
      declare
        changed record := coalesce(new, old);
      begin
        perform pg_notify('triada_changes', json_build_object('kind', 'meeting', 'areaId', m.area_id, 'id', m.id, 'bodyId', m.body_id)::text)
           from meeting m where m.area_id = changed.area_id and m.id = changed.meeting_id;
        return null;
      end $$;
      create function triada_signal_notification() returns trigger language plpgsql as $$
      begin
        perform pg_notify('triada_changes', json_build_object('kind', 'notification', 'areaId', new.area_id, 'id', new.id, 'personId', new.person_id)::text);
        return null;
      end $$;
      create trigger proposal_signal after insert or update on proposal for each row execute function triada_signal_proposal();
      create trigger meeting_signal after insert or update on meeting for each row execute function triada_signal_meeting();
      create trigger agenda_item_signal after insert or update or delete on agenda_item for each row execute function triada_signal_meeting_part();
      create trigger attendance_signal after insert or update or delete on attendance for each row execute function triada_signal_meeting_part();
      create trigger minutes_signal after insert or update on minutes for each row execute function triada_signal_meeting_part();
      create trigger notification_signal after insert on notification for each row execute function triada_signal_notification();
    `);
  }

  override down(): void {
    this.addSql(`
      drop trigger notification_signal on notification;
      drop trigger minutes_signal on minutes;
      drop trigger attendance_signal on attendance;
      drop trigger agenda_item_signal on agenda_item;
      drop trigger meeting_signal on meeting;
      drop trigger proposal_signal on proposal;
      drop function triada_signal_notification();
      drop function triada_signal_meeting_part();
      drop function triada_signal_meeting();
      drop function triada_signal_proposal();
    `);
  }
}
