export {};
// The daily reminder run for the whole seeded organisation, in its own process (as
// `npm run worker` would run it), then sending every message it queued (captured: no SMTP).
// Prints one JSON line: scheduler seconds, reminders planned and queued, outbox seconds, sent.
const [databasePath, contentDir, cacheDir] = process.argv.slice(2);
if (!databasePath || !contentDir || !cacheDir) {
  console.error("usage: reminder-worker <databasePath> <contentDir> <cacheDir>");
  process.exit(1);
}
Object.assign(process.env, {
  DATABASE_PATH: databasePath,
  CONTENT_DIR: contentDir,
  CONTENT_CACHE_DIR: cacheDir,
  TIME_ZONE: "Asia/Jakarta",
  NODE_ENV: "production",
  PUBLIC_URL: "http://127.0.0.1:3000",
});
delete process.env.SMTP_URL;
const { warmContent } = await import("../../app/content/registry.server");
const { runScheduler } = await import("../../app/notifications/scheduler.server");
const { createMailer } = await import("../../app/outbox/mailer.server");
const { drainOutbox } = await import("../../app/outbox/worker.server");
await warmContent();
const started = performance.now();
const run = await runScheduler(new Date(), { ignoreHour: true });
const schedulerSeconds = (performance.now() - started) / 1000;
const sendStarted = performance.now();
const sent = await drainOutbox(createMailer(undefined));
const outboxSeconds = (performance.now() - sendStarted) / 1000;
process.stdout.write(`${JSON.stringify({ schedulerSeconds, planned: run.planned, queued: run.sent, outboxSeconds, sent: sent.sent })}\n`);
process.exit(0);
