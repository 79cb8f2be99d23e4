// npm run worker: the notification worker (outbox sending, daily reminders and digests) in a
// process of its own. Run the web server with NOTIFY_WORKER=0 then; running both is safe too
// (rows are claimed with a lease in a write transaction, reminders are recorded once), just
// wasteful, on one SQLite file or on PostgreSQL with workers on several app servers.
import { warmContent } from "~/content/registry.server";
import { prepareDatabase } from "~/db/client.server";
import { startNotificationWorker } from "~/notifications/loop.server";

// Opens the database and, on PostgreSQL, brings its schema up to date before the first pass.
await prepareDatabase();
await warmContent();
const worker = startNotificationWorker();
console.log("Pustaka Academy notification worker running. Press Ctrl+C to stop.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void worker.stop().then(() => process.exit(0));
  });
}
