// npm run demo: build if needed, migrate, seed a demo organisation into an empty database,
// then serve the production build. Honours PORT (3000), HOST (127.0.0.1) and DATABASE_PATH
// (data/demo.db).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.DATABASE_PATH ??= "data/demo.db";
process.env.PORT ??= "3000";
process.env.HOST ??= "127.0.0.1";
// The day's reminder run starts with the server, whatever the hour, so the demo shows reminders at once.
process.env.REMINDER_HOUR ??= "0";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const buildFile = path.resolve("build/index.js");
// Rebuild when the build is missing, older than the code, or not a production build (an old
// `npm run dev` wrote its development build to build/; today it writes .cache/dev-build).
const stale =
  !fs.existsSync(buildFile) ||
  fs.statSync(buildFile).mtimeMs < newestMtime(path.resolve("app")) ||
  !/\bmode = "production"/.test(fs.readFileSync(buildFile, "utf8"));
if (stale) {
  console.log("Building the app…");
  const built = spawnSync("npx", ["remix", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const { closeDb, getDb, prepareDatabase } = await import("~/db/client.server");
const { isPostgres } = await import("~/db/dialect");
const { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty } = await import("~/people/demo-seed.server");
const { describeDemoCounts, seedDemo } = await import("~/people/demo.server");
await prepareDatabase();
const db = getDb();
const where = isPostgres ? "the PostgreSQL database (DATABASE_URL)" : process.env.DATABASE_PATH;
if (await isEmpty(db)) {
  try {
    const counts = await seedDemo(db);
    console.log(`The demo database now holds (read back from ${where}):\n${describeDemoCounts(counts)}`);
  } catch (error) {
    await closeDb();
    // A half-seeded demo would hide the product's best parts: remove it so the next run starts clean.
    // A PostgreSQL database is not ours to drop: say so instead.
    if (!isPostgres) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(process.env.DATABASE_PATH + suffix, { force: true });
    console.error(
      `\n${error instanceof Error ? error.message : String(error)}\n${
        isPostgres ? "Empty the PostgreSQL database" : "The demo database was removed"
      }; fix the cause and run npm run demo again.`,
    );
    process.exit(1);
  }
}
await closeDb();

const server = spawn(process.execPath, ["server.js"], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: { ...process.env, NODE_ENV: "production" },
});
server.on("message", (message: { ready?: boolean; port?: number }) => {
  if (!message.ready) return;
  const url = `http://${process.env.HOST === "0.0.0.0" ? "127.0.0.1" : process.env.HOST}:${message.port}`;
  console.log(`\nPustaka Academy demo is ready: ${url}\n`);
  console.log(`Log in with any of these (password: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(8)} ${a.email}`);
  console.log("\nNo SMTP_URL is set: emails are captured, not sent. Admins read them at /admin/outbox.");
  console.log("\nPress Ctrl+C to stop.");
});
server.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
