// Runs before each test file: a fresh copy of the migrated template database, and the
// fixture content, so files never share state. Under PostgreSQL (a postgres:// DATABASE_URL)
// the file also gets its own database, a copy of the run's template, before the app connects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { pinClock } from "./clock";
import { FIXTURE_CONTENT, TEMPLATE_DB, TEST_CONTENT_CACHE } from "./paths";

const file = path.join(os.tmpdir(), `academy-test-${process.pid}-${randomBytes(4).toString("hex")}.db`);
fs.copyFileSync(TEMPLATE_DB, file);
process.env.DATABASE_PATH = file;
// From the global setup, not from DATABASE_URL: a worker process that runs several files would
// otherwise take the previous file's (dropped) database for the server.
const pgServerUrl = inject("pgServerUrl");
const pgTemplate = inject("pgTemplate");
const pgDatabase = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
// Loaded only then, so a SQLite run loads nothing of PostgreSQL's.
const pgDatabases = pgServerUrl ? await import("./pg-databases") : undefined;
if (pgDatabases && pgServerUrl && pgTemplate) {
  await pgDatabases.createDatabaseFrom(pgServerUrl, pgDatabase, pgTemplate);
  process.env.DATABASE_URL = pgDatabases.withDatabase(pgServerUrl, pgDatabase);
}
process.env.CONTENT_DIR ??= FIXTURE_CONTENT;
process.env.CONTENT_CACHE_DIR ??= TEST_CONTENT_CACHE;
process.env.PUBLIC_URL = "http://academy.test";
process.env.TIME_ZONE = "UTC";
// Keep argon2 fast in tests: the cost is a production concern, not a correctness one.
process.env.NODE_ENV = "test";
// Under `npm run test:dates`, every test process checks that libfaketime really moved its clock.
if (process.env.TEST_DATES_EXPECT) {
  const expected = Date.parse(process.env.TEST_DATES_EXPECT);
  // The suite takes minutes; a day's slack still tells a faked clock from the real one.
  if (!(Math.abs(Date.now() - expected) < 86_400_000)) {
    throw new Error(
      `test:dates: this test process sees ${new Date().toISOString()}, not ${process.env.TEST_DATES_EXPECT}: libfaketime did not reach it`,
    );
  }
}
// No test depends on the day it runs: clockNow() starts at TEST_NOW in every file (clock.ts).
pinClock();

afterAll(async () => {
  const { closeDb } = await import("~/db/client.server");
  // Awaited: closing is asynchronous on PostgreSQL (a pool to end).
  await closeDb();
  if (pgDatabases && pgServerUrl) await pgDatabases.dropDatabase(pgServerUrl, pgDatabase);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
