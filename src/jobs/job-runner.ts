import PgBoss from 'pg-boss';
import nodemailer from 'nodemailer';
import type { Orm } from '../db/orm';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { Logger } from '../logger';
import { dispatchOutbox, emailPending, type Mailer } from '../services/notification-dispatcher';
import { pruneRateLimits } from '../services/rate-limiter';
import { scanIndicatorReminders, scanReminders } from '../services/reminders';

export interface JobRunner {
  stop(): Promise<void>;
}

/** An SMTP mailer from `SMTP_URL` (e.g. smtps://user:pass@smtp.example.cz), or none. */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  // The sender's domain names the Message-IDs: "Triáda <noreply@obec.cz>" gives "<…@obec.cz>".
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'triada.invalid';
  return {
    domain,
    async send({ to, subject, text, messageId }) {
      await transport.sendMail({ from, to, subject, text, messageId });
    },
  };
}

/**
 * Background work on pg-boss (a PostgreSQL-backed queue): every minute the outbox is dispatched
 * (and e-mailed when SMTP is configured); every 15 minutes deadlines are scanned for reminders.
 * Any number of service processes may run this; the queue and the outbox keep each job and each
 * notice to one.
 */
export async function startJobs(orm: Orm, connectionString: string, logger: Logger, mailer?: Mailer, poolMax = 3): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: poolMax });
  // While the database is away the queue reports each failed poll; it carries on once it is back.
  boss.on('error', (err) => (isDatabaseUnavailable(err) ? logger.warn({ err }, 'job queue: database unavailable') : logger.error({ err }, 'job queue error')));
  await boss.start();
  const dispatch = async (): Promise<void> => {
    while ((await dispatchOutbox(orm)) > 0);
    if (mailer) while ((await emailPending(orm, mailer, logger)) > 0);
  };
  await boss.createQueue('outbox-dispatch');
  await boss.createQueue('reminders-scan');
  await boss.schedule('outbox-dispatch', '* * * * *');
  await boss.schedule('reminders-scan', '*/15 * * * *', {}, { tz: 'Europe/Prague' });
  await boss.work('outbox-dispatch', async () => {
    await dispatch();
  });
  await boss.work('reminders-scan', async () => {
    const now = new Date();
    const queued = (await scanReminders(orm, now)) + (await scanIndicatorReminders(orm, now));
    await pruneRateLimits(orm.em.fork(), now);
    if (queued > 0) logger.info({ queued }, 'reminders queued');
    await dispatch();
  });
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
