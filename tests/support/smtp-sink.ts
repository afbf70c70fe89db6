import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as an SMTP server saw it, and whether it took it. */
export interface SeenMessage {
  to: string[];
  messageId: string | undefined;
  subject: string | undefined;
  /** The reply code it gave at the end of the data: 250 taken, 4xx try later, 5xx never. */
  reply: number;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  readonly seen: SeenMessage[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that answers each message with the
 * code `reply` gives it (250 by default) and remembers what it saw. No TLS, no authentication.
 */
export async function startSmtpSink(reply: (message: Omit<SeenMessage, 'reply'>, seen: SeenMessage[]) => number = () => 250): Promise<SmtpSink> {
  const seen: SeenMessage[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        // The header block, with folded lines (a long header continued on the next) unfolded.
        const head = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(head)?.[1]?.trim();
        const message = { to: session.envelope.rcptTo.map((r) => r.address), messageId: header('Message-ID'), subject: header('Subject') };
        const code = reply(message, seen);
        seen.push({ ...message, reply: code });
        if (code === 250) return callback();
        callback(Object.assign(new Error(code < 500 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
