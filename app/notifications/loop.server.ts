// The background worker: sends the outbox (app/outbox/) and runs the daily scheduler. Runs
// inside the server process (server.js calls startNotificationWorker) or on its own
// (`npm run worker`). Every step is a plain function (runWorkerOnce, runScheduler) so tests
// drive it without waiting.
import { getConfig } from "~/config.server";
import { onEnqueue } from "~/outbox/enqueue.server";
import { createMailer, type Mailer } from "~/outbox/mailer.server";
import { drainOutbox, workerId } from "~/outbox/worker.server";
import { clockNow } from "~/utils/clock.server";
import { localTime, runScheduler } from "./scheduler.server";

export type WorkerHandle = { stop: () => Promise<void>; kick: () => void };

/**
 * Starts the loop: a pass every NOTIFY_POLL_MS, and right after a transaction enqueues a
 * message. The scheduler's day is remembered in memory only; after a restart the day's run is
 * repeated, which the reminder records turn into a no-op.
 */
export function startNotificationWorker({
  mailer = createMailer(),
  log = console,
}: { mailer?: Mailer; log?: Pick<Console, "error" | "log"> } = {}): WorkerHandle {
  const owner = workerId();
  const { pollMs } = getConfig().mail;
  let lastSchedulerDay = "";
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function pass() {
    const now = clockNow();
    if (localTime(now, getConfig().timeZone).date !== lastSchedulerDay) {
      const run = await runScheduler(now).catch((error: unknown) => {
        log.error("notifications: scheduler failed", error);
        return null;
      });
      if (run?.ran) lastSchedulerDay = run.today;
    }
    await drainOutbox(mailer, now, owner).catch((error: unknown) => log.error("notifications: worker pass failed", error));
  }

  function kick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = pass().finally(() => {
      running = null;
      if (stopped) return;
      if (again) {
        again = false;
        kick();
      } else timer = setTimeout(kick, pollMs);
    });
  }

  onEnqueue(kick);
  kick();
  if (mailer.name === "capture") log.log("notifications: no SMTP_URL, so emails are captured in the outbox (/admin/outbox)");
  return {
    kick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      onEnqueue(null);
      await running;
      mailer.transport.close();
    },
  };
}
