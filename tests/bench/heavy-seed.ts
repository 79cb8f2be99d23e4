// `npx tsx tests/bench/heavy-seed.ts <databasePath> [staff]`: the benchmark's seeded database on
// its own (10,000 staff by default), for the in-process heavy-work scenario (tests/bench/heavy.ts)
// and for profiling a report or the reminder run without the HTTP benchmark.
import path from "node:path";
import Database from "better-sqlite3";
import { loadContent } from "../../app/content/load.server";
import { MIGRATIONS_DIR, seedDatabase } from "./seed";

const [databasePath, staffArg] = process.argv.slice(2);
if (!databasePath) {
  console.error("usage: heavy-seed <databasePath> [staff]");
  process.exit(1);
}
const index = loadContent(path.resolve(import.meta.dirname, "../../content"));
const modules = index.courses
  .flatMap((c) => c.moduleSlugs.map((s) => index.modules.get(s)!))
  .filter((m) => m.status === "published" && m.quiz && m.lessons.length > 0);
const db = new Database(databasePath);
const seeded = await seedDatabase(db, { staff: Number(staffArg ?? 10_000), branches: 50, modules, migrationsDir: MIGRATIONS_DIR });
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
console.log(
  `seeded ${seeded.staff} staff, ${seeded.lessonProgress} progress rows, ${seeded.assignments} assignments in ${seeded.seconds.toFixed(1)} s`,
);
