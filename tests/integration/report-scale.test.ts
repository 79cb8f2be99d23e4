// The training record at some scale: 2,000 people with progress, attempts and certificates.
// The per-chunk queries must search an index by user (EXPLAIN QUERY PLAN), before and after
// ANALYZE, and the whole export must stream in chunks. Timings are printed for the record;
// the bounds asserted are loose (a shared test machine), the lead's benchmark measures 80,000 rows.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { sql, type SQL } from "drizzle-orm";
import { isPostgres } from "~/db/dialect";
import { certificates, lessonProgress, orgUnits, quizAttempts, users } from "~/db/schema";
import { execute, selectRow, selectRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { dashboardFigures } from "~/reports/dashboard.server";
import { streamWholeTrainingRecord } from "~/reports/export.server";
import { trainerInsight } from "~/reports/insight.server";
import { CHUNK_SQL, trainingRecordPage, trainingRecordRows, usersSql } from "~/reports/training-record.server";
import { createTestUser } from "../setup/factories";
import { moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";

const PEOPLE = 2_000;
const DAY = 86_400_000;
type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let admin: TestUser;

/**
 * Inserts people and their learning history directly, the way years of use would leave it:
 * through the query builder in batches, so the same seed runs on SQLite and PostgreSQL.
 */
async function seed() {
  const quick = await moduleBySlug("quick-module");
  const limited = await moduleBySlug("limited-module");
  const now = clockNow().getTime();
  const at = (ms: number) => new Date(ms);
  const id = () => randomBytes(12).toString("base64url");
  const root = id();
  const units: (typeof orgUnits.$inferInsert)[] = [{ id: root, name: "Scale System", parentId: null, createdAt: at(now) }];
  const unitIds: string[] = [];
  for (let u = 0; u < 20; u++) {
    const unit = id();
    units.push({ id: unit, name: `Scale Branch ${u}`, parentId: root, createdAt: at(now) });
    unitIds.push(unit);
  }
  const people: (typeof users.$inferInsert)[] = [];
  const progress: (typeof lessonProgress.$inferInsert)[] = [];
  const attempts: (typeof quizAttempts.$inferInsert)[] = [];
  const certs: (typeof certificates.$inferInsert)[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const userId = id();
    const staff = `SC${String(i).padStart(5, "0")}`;
    people.push({
      id: userId,
      email: `scale${i}@scale.test`,
      displayName: `Scale Person ${i}`,
      staffNumber: staff,
      orgUnitId: unitIds[i % unitIds.length]!,
      role: "staff",
      active: i % 50 !== 0,
      createdAt: at(now),
      updatedAt: at(now),
    });
    for (const mod of [quick, limited]) {
      const stage = (i + mod.slug.length) % 4; // 0 nothing, 1 reading, 2 failed, 3 passed
      if (stage === 0) continue;
      const t = now - ((i % 300) + 1) * DAY;
      const lessons = stage === 1 ? mod.lessons.slice(0, 1) : mod.lessons;
      for (const l of lessons)
        progress.push({
          userId,
          moduleSlug: mod.slug,
          lessonSlug: l.slug,
          firstOpenedAt: at(t),
          lastSeenAt: at(t),
          completedAt: at(t),
          secondsSpent: 60,
        });
      if (stage === 1) continue;
      const attempt = {
        userId,
        moduleSlug: mod.slug,
        moduleMajorVersion: mod.majorVersion,
        moduleContentHash: mod.contentHash,
        draw: [],
        answers: {},
      };
      attempts.push({ ...attempt, id: id(), attemptNumber: 1, score: 0, passed: false, startedAt: at(t), submittedAt: at(t + 60_000) });
      if (stage === 3) {
        const attemptId = id();
        attempts.push({
          ...attempt,
          id: attemptId,
          attemptNumber: 2,
          score: 100,
          passed: true,
          startedAt: at(t + 120_000),
          submittedAt: at(t + 180_000),
        });
        const expires = mod.settings.certificateValidityMonths ? t + 365 * DAY : null;
        certs.push({
          id: id(),
          code: randomBytes(8).toString("hex"),
          userId,
          attemptId,
          moduleSlug: mod.slug,
          moduleMajorVersion: mod.majorVersion,
          moduleContentHash: mod.contentHash,
          moduleTitle: "Title",
          holderName: `Scale Person ${i}`,
          staffNumber: staff,
          locale: "en",
          score: 100,
          issuedAt: at(t + 180_000),
          expiresAt: expires === null ? null : at(expires),
        });
      }
    }
  }
  // Batches stay well under both databases' limits on bound parameters per statement.
  const inBatches = async <T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200));
  };
  await writeTransaction(async (tx) => {
    await tx.insert(orgUnits).values(units);
    await inBatches(people, (b) => tx.insert(users).values(b));
    await inBatches(progress, (b) => tx.insert(lessonProgress).values(b));
    await inBatches(attempts, (b) => tx.insert(quizAttempts).values(b));
    await inBatches(certs, (b) => tx.insert(certificates).values(b));
  });
}

/** SQLite's plan for a query, one line per step. */
const plan = async (query: SQL) => (await selectRows<{ detail: string }>(sql`explain query plan ${query}`)).map((r) => r.detail);

async function expectIndexedByUser(query: SQL, table: string) {
  const details = await plan(query);
  // The table is searched through an index on user_id (never scanned row by row).
  expect(
    details.some((d) => new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX .*\\(user_id=\\?`).test(d)),
    details.join(" | "),
  ).toBe(true);
  expect(
    details.some((d) => d.startsWith(`SCAN ${table}`)),
    details.join(" | "),
  ).toBe(false);
}

async function ms<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - start)];
}

beforeAll(async () => {
  admin = await createTestUser({ role: "admin" });
  await seed();
}, 120_000);

describe("the training record at scale", () => {
  // EXPLAIN QUERY PLAN and ANALYZE are SQLite's; PostgreSQL plans these queries by its own statistics.
  it.skipIf(isPostgres)("reads each chunk through an index on user_id, before and after ANALYZE (SQLite's query plans)", async () => {
    const someone = ["someone"];
    for (const round of ["no statistics", "after ANALYZE"]) {
      if (round === "after ANALYZE") await execute(sql`analyze`);
      await expectIndexedByUser(CHUNK_SQL.progress(someone), "lesson_progress");
      await expectIndexedByUser(CHUNK_SQL.attempts(someone), "quiz_attempts");
      await expectIndexedByUser(CHUNK_SQL.certificates(someone), "certificates");
      const byIds = await plan(usersSql({ unitIds: null, onlyUserIds: someone, includeInactive: false }));
      expect(
        byIds.some((d) => /^SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1 \(id=\?\)|^SEARCH users USING INTEGER PRIMARY KEY/.test(d)),
        byIds.join(" | "),
      ).toBe(true);
      // People of a few units: by the unit index. (With statistics showing a unit holds a large
      // share of everyone, SQLite may rightly prefer one pass over the users table instead.)
      const byUnit = await plan(usersSql({ unitIds: someone, includeInactive: false }));
      if (round === "no statistics")
        expect(
          byUnit.some((d) => /^SEARCH users USING INDEX users_org_unit_idx \(org_unit_id=\?\)/.test(d)),
          byUnit.join(" | "),
        ).toBe(true);
    }
    await execute(sql`drop table if exists sqlite_stat1`);
    await execute(sql`drop table if exists sqlite_stat4`);
  });

  it("streams the whole record as CSV and XLSX, and computes a page, the dashboard and the insight", async () => {
    const content = await getContent();
    const rssBefore = process.memoryUsage().rss;
    const [csv, csvMs] = await ms(async () => new Uint8Array(await new Response(await streamWholeTrainingRecord(admin, "csv")).arrayBuffer()));
    const lines = new TextDecoder().decode(csv).split("\r\n").filter(Boolean);
    // Everyone (the whole record includes deactivated people) × the two published modules.
    const everyone = (await selectRow<{ n: number }>(sql`select count(*) as n from users`))!.n;
    expect(everyone).toBeGreaterThan(PEOPLE);
    expect(lines.length - 1).toBe(everyone * 2);
    const [xlsx, xlsxMs] = await ms(async () => new Uint8Array(await new Response(await streamWholeTrainingRecord(admin, "xlsx")).arrayBuffer()));
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const [page, pageMs] = await ms(() =>
      trainingRecordPage(admin, content, {}, { sort: "activity", dir: "desc", page: 3, pageSize: 50 }, { locale: "en", timeZone: "Asia/Jakarta" }),
    );
    expect(page.rows).toHaveLength(50);
    const [deepPage, deepMs] = await ms(() =>
      trainingRecordPage(
        admin,
        content,
        {},
        { sort: "name", dir: "asc", page: page.pages, pageSize: 50 },
        { locale: "en", timeZone: "Asia/Jakarta" },
      ),
    );
    expect(deepPage.rows.length).toBeGreaterThan(0);
    const [figures, dashMs] = await ms(() => dashboardFigures(admin, content, {}, { locale: "en", timeZone: "Asia/Jakarta" }));
    expect(figures.totals.rows).toBe(page.totals.rows);
    const [, insightMs] = await ms(() => trainerInsight(admin, content, "en"));
    const [rows, rowsMs] = await ms(async () => {
      let n = 0;
      for await (const _ of trainingRecordRows(admin, content, { includeInactive: true }, { locale: "en", timeZone: "Asia/Jakarta" })) n++;
      return n;
    });
    expect(rows).toBe(lines.length - 1);
    console.log(
      `[report-scale] ${rows} rows (${PEOPLE} people × 2 modules): rows ${rowsMs} ms, CSV ${csvMs} ms (${Math.round(csv.length / 1024)} KB), ` +
        `XLSX ${xlsxMs} ms (${Math.round(xlsx.length / 1024)} KB), page 3 by activity ${pageMs} ms, last page by name ${deepMs} ms, ` +
        `dashboard ${dashMs} ms, insight ${insightMs} ms, RSS growth ${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB`,
    );
    // Loose: a 4,000-row export taking more than a few seconds means something is quadratic.
    expect(csvMs).toBeLessThan(5_000);
    expect(xlsxMs).toBeLessThan(15_000);
  }, 120_000);
});
