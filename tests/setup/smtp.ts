// A real SMTP server in the test process (smtp-server), with every message parsed (mailparser).
// It can be stopped and started again on the same port to play a mail server that is down.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TestMailbox = {
  url: string;
  messages: ParsedMail[];
  /** Refuse every message with this SMTP reply code (e.g. 550), or accept again with null. */
  refuseWith: (code: number | null) => void;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Messages to one address. */
  to: (address: string) => ParsedMail[];
  clear: () => void;
  waitFor: (predicate: (m: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>;
};

export async function startMailbox(): Promise<TestMailbox> {
  const messages: ParsedMail[] = [];
  const waiters: { predicate: (m: ParsedMail) => boolean; resolve: (m: ParsedMail) => void }[] = [];
  let refuse: number | null = null;
  let port = 0;
  let server: SMTPServer;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, _session, callback) {
        if (refuse) {
          stream.resume();
          stream.on("end", () => callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: refuse! })));
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            messages.push(mail);
            for (const w of [...waiters]) {
              if (w.predicate(mail)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(mail);
              }
            }
            callback();
          })
          .catch(callback);
      },
    });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = make();
      server.on("error", () => {});
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  const toAddress = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseWith: (code) => (refuse = code),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: listen,
    to: (address) => messages.filter((m) => toAddress(m).includes(address.toLowerCase())),
    clear: () => messages.splice(0, messages.length),
    waitFor: (predicate, timeoutMs = 30_000) => {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching email arrived")), timeoutMs);
        waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}
