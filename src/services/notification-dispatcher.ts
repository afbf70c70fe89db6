import { claimNotificationsToEmail, settleNotificationEmail, type EmailSettlement } from '../data/notifications';
import { dispatchOutboxRows } from '../data/outbox';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';

/** One e-mail; `messageId` is the same on every attempt of one notice, so that a retry is recognisable. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** Sends one e-mail, or throws as the SMTP client does (with `responseCode` when the server answered); absent when no SMTP is configured. */
export interface Mailer {
  /** The domain of the sender, for Message-IDs. */
  readonly domain: string;
  send(message: MailMessage): Promise<void>;
}

/**
 * Turns pending outbox rows into per-person notifications. Rows are taken with SKIP LOCKED and
 * marked in the same transaction, so any number of processes dispatch each exactly once.
 */
export async function dispatchOutbox(orm: Orm, batch = 100): Promise<number> {
  const em = orm.em.fork();
  return em.transactional((tx) => dispatchOutboxRows(tx, batch));
}

/** At most this many attempts to e-mail one notice. */
export const EMAIL_MAX_ATTEMPTS = 12;
/** How long one sender holds a claimed notice: should it die mid-send, another sends it after this. */
const EMAIL_LEASE_MS = 10 * 60_000;

/** The pause after the n-th failed attempt: 1, 2, 4, … minutes, at most an hour (about 6.5 hours over all attempts). */
export function emailBackoffMs(attempts: number): number {
  return Math.min(2 ** (attempts - 1), 60) * 60_000;
}

/** An SMTP reply of the 5xx class: the server will never take this message, so asking again is pointless. */
function permanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * E-mails notifications not yet e-mailed, after their dispatch committed, at least once each.
 * A batch of due notices is claimed in one statement (SKIP LOCKED, so several processes never take
 * the same one; the claim is a lease, so a sender that dies mid-send leaves it to another). A
 * notice counts as e-mailed only once the SMTP server took it; a temporary failure (4xx, a broken
 * connection) is tried again after a back-off, a permanent one (5xx), a person without an address
 * or the last attempt gives up. Every attempt of a notice carries one Message-ID. Returns how many
 * notices it claimed. `now` is for tests.
 */
export async function emailPending(orm: Orm, mailer: Mailer, logger: Logger, options: { now?: Date; batch?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const em = orm.em.fork();
  const claimed = await claimNotificationsToEmail(em, now, new Date(now.getTime() + EMAIL_LEASE_MS), options.batch ?? 50);
  const settle = (n: { area_id: string; id: string }, column: EmailSettlement, at: Date) => settleNotificationEmail(em, n, column, at);
  for (const n of claimed) {
    if (!n.email) {
      await settle(n, 'email_failed_at', now);
      continue;
    }
    try {
      await mailer.send({ to: n.email, subject: n.title_cs, text: `${n.title_cs}\n\n${n.title_en}\n\n— Triáda`, messageId: `<notification.${n.id}@${mailer.domain}>` });
      await settle(n, 'emailed_at', now);
    } catch (err) {
      const giveUp = permanent(err) || n.email_attempts >= EMAIL_MAX_ATTEMPTS;
      const detail = { notificationId: n.id, attempts: n.email_attempts, reason: err instanceof Error ? err.message : String(err) };
      if (giveUp) {
        logger.error(detail, 'e-mail not sent; given up');
        await settle(n, 'email_failed_at', now);
      } else {
        logger.warn(detail, 'e-mail not sent; it will be tried again');
        await settle(n, 'email_retry_at', new Date(now.getTime() + emailBackoffMs(n.email_attempts)));
      }
    }
  }
  return claimed.length;
}
