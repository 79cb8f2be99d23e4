// `npm run db:copy -- --from data/academy.db --to "$DATABASE_URL"`: copies a SQLite installation
// into an empty PostgreSQL database (README "Moving to PostgreSQL"). Stop the app first, or at
// least expect writes made during the copy not to be copied: the source is read at one moment.
import { parseArgs } from "node:util";
import { copySqliteToPostgres, CopyError } from "~/db/copy.server";

function fail(message: string): never {
  console.error(`db:copy: ${message}`);
  process.exit(1);
}

let from: string | undefined;
let to: string | undefined;
try {
  ({
    values: { from, to },
  } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } }, strict: true }));
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run db:copy -- --from data/academy.db --to postgres://user:password@host:5432/academy`);
}
to ??= process.env.DATABASE_URL;
if (!from) fail("--from is missing: the SQLite database to copy (for example data/academy.db)");
if (!to) fail("--to is missing (or set DATABASE_URL): the PostgreSQL database to copy into, postgres://...");
if (!/^postgres(ql)?:\/\//.test(to)) fail("--to must be a PostgreSQL connection string starting with postgres:// or postgresql://");

// The password never reaches the terminal or a log.
const target = new URL(to);
target.password = target.password ? "***" : "";

try {
  console.log(`Copying ${from} to ${target.toString()}`);
  const counts = await copySqliteToPostgres({ from, to, log: (line) => console.log(`  ${line}`) });
  const width = Math.max(...counts.map((c) => c.table.length));
  console.log(`\n${"table".padEnd(width)}  ${"SQLite".padStart(9)}  ${"PostgreSQL".padStart(10)}`);
  for (const c of counts) console.log(`${c.table.padEnd(width)}  ${String(c.sqlite).padStart(9)}  ${String(c.postgres).padStart(10)}`);
  const total = counts.reduce((n, c) => n + c.sqlite, 0);
  console.log(`\nCopied ${total} rows in ${counts.length} tables; every count matches.`);
} catch (error) {
  fail(error instanceof CopyError ? error.message : `failed, nothing was committed: ${error instanceof Error ? error.message : String(error)}`);
}
