// `npm run test:pg [-- vitest args]`: the unit and integration suite on PostgreSQL.
//
//   npm run test:pg                                        every unit and integration test file
//   npm run test:pg -- tests/integration/quiz.test.ts      some files (any vitest arguments)
//
// Starts a throwaway PostgreSQL cluster (Debian's `postgresql` package, tests/setup/pg-cluster.ts),
// migrates one template database from drizzle-pg/ (PG_MIGRATIONS_DIR names another folder), runs
// `vitest run --project unit` with DATABASE_URL pointing at the cluster, so that every test file
// gets its own copy of the template (tests/setup/per-file-db.ts), then stops and removes the
// cluster. Exits with vitest's exit code.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startPgCluster } from "../tests/setup/pg-cluster";
import { migrateTemplate, PG_TEMPLATE, PG_TEMPLATE_ENV, pgMigrationsDir, requirePgMigrations } from "../tests/setup/pg-databases";

let interrupted: NodeJS.Signals | undefined;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main() {
  const vitestArgs = process.argv.slice(2);
  let child: ChildProcess | undefined;
  // Beside the cluster's own handlers (which stop and remove it): an interrupted run stops
  // vitest too, and main() ends as soon as the cluster is gone.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      interrupted ??= signal;
      if (child && child.exitCode === null) child.kill(signal);
    });
  }

  requirePgMigrations();
  let t = performance.now();
  const cluster = await startPgCluster();
  let code = 1;
  try {
    const serverUrl = cluster.url("postgres");
    console.log(`test:pg: PostgreSQL ${await serverVersion(serverUrl)} on ${new URL(serverUrl).host}, started in ${seconds(t)} s`);

    t = performance.now();
    await cluster.createDatabase(PG_TEMPLATE);
    await migrateTemplate(serverUrl, PG_TEMPLATE, pgMigrationsDir());
    console.log(`test:pg: ${PG_TEMPLATE} migrated from ${pgMigrationsDir()} in ${seconds(t)} s`);

    if (interrupted) throw new Error("interrupted");
    const vitest = path.resolve(import.meta.dirname, "../node_modules/vitest/vitest.mjs");
    child = spawn(process.execPath, [vitest, "run", "--project", "unit", ...vitestArgs], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: serverUrl, [PG_TEMPLATE_ENV]: PG_TEMPLATE },
    });
    code = await new Promise<number>((resolve) => {
      child!.on("error", (e) => {
        console.error(`test:pg: could not start vitest: ${e.message}`);
        resolve(1);
      });
      child!.on("exit", (exitCode, signal) => resolve(exitCode ?? 128 + (signal ? os.constants.signals[signal] : 0)));
    });
  } finally {
    t = performance.now();
    await cluster.stop();
    console.log(`test:pg: cluster stopped and removed in ${seconds(t)} s`);
  }
  return code;
}

async function serverVersion(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "?";
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    if (interrupted) {
      console.error(`test:pg: interrupted (${interrupted})`);
      process.exit(128 + os.constants.signals[interrupted]);
    }
    console.error(`test:pg: ${e.message}`);
    process.exit(1);
  },
);
