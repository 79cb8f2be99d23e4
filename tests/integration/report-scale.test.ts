// The training record at some scale: 2,000 people with progress, attempts and certificates.
// The per-chunk queries must search an index by user (EXPLAIN QUERY PLAN), before and after
// ANALYZE, and the whole export must stream in chunks. Timings are printed for the record;
// the bounds asserted are loose (a shared test machine), the lead's benchmark measures 80,000 rows.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
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

/** Inserts people and their learning history directly, the way years of use would leave it. */
async function seed() {
  const sqlite = getDb().$client;
  const quick = await moduleBySlug("quick-module");
  const limited = await moduleBySlug("limited-module");
  const now = clockNow().getTime();
  const unitIds: string[] = [];
  const insertUnit = sqlite.prepare("insert into org_units (id, name, parent_id, created_at) values (?, ?, ?, ?)");
  const insertUser = sqlite.prepare(
    "insert into users (id, email, display_name, staff_number, org_unit_id, role, active, created_at, updated_at) values (?, ?, ?, ?, ?, 'staff', ?, ?, ?)",
  );
  const insertProgress = sqlite.prepare(
    "insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, completed_at, seconds_spent) values (?, ?, ?, ?, ?, ?, 60)",
  );
  const insertAttempt = sqlite.prepare(
    `insert into quiz_attempts (id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, draw, answers, score, passed, started_at, submitted_at)
     values (?, ?, ?, ?, ?, ?, '[]', '{}', ?, ?, ?, ?)`,
  );
  const insertCert = sqlite.prepare(
    `insert into certificates (id, code, user_id, attempt_id, module_slug, module_major_version, module_content_hash, module_title, holder_name, staff_number, locale, score, issued_at, expires_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', 100, ?, ?)`,
  );
  const id = () => randomBytes(12).toString("base64url");
  sqlite.transaction(() => {
    const root = id();
    insertUnit.run(root, "Scale System", null, now);
    for (let u = 0; u < 20; u++) {
      const unit = id();
      insertUnit.run(unit, `Scale Branch ${u}`, root, now);
      unitIds.push(unit);
    }
    for (let i = 0; i < PEOPLE; i++) {
      const userId = id();
      const staff = `SC${String(i).padStart(5, "0")}`;
      insertUser.run(userId, `scale${i}@scale.test`, `Scale Person ${i}`, staff, unitIds[i % unitIds.length], i % 50 === 0 ? 0 : 1, now, now);
      for (const mod of [quick, limited]) {
        const stage = (i + mod.slug.length) % 4; // 0 nothing, 1 reading, 2 failed, 3 passed
        if (stage === 0) continue;
        const t = now - ((i % 300) + 1) * DAY;
        const lessons = stage === 1 ? mod.lessons.slice(0, 1) : mod.lessons;
        for (const l of lessons) insertProgress.run(userId, mod.slug, l.slug, t, t, t);
        if (stage === 1) continue;
        insertAttempt.run(id(), userId, mod.slug, 1, mod.majorVersion, mod.contentHash, 0, 0, t, t + 60_000);
        if (stage === 3) {
          const attemptId = id();
          insertAttempt.run(attemptId, userId, mod.slug, 2, mod.majorVersion, mod.contentHash, 100, 1, t + 120_000, t + 180_000);
          const expires = mod.settings.certificateValidityMonths ? t + 365 * DAY : null;
          insertCert.run(
            id(),
            randomBytes(8).toString("hex"),
            userId,
            attemptId,
            mod.slug,
            mod.majorVersion,
            mod.contentHash,
            "Title",
            `Scale Person ${i}`,
            staff,
            t + 180_000,
            expires,
          );
        }
      }
    }
  })();
}

const plan = (sql: string, ...params: unknown[]) =>
  (
    getDb()
      .$client.prepare(`explain query plan ${sql}`)
      .all(...params) as { detail: string }[]
  ).map((r) => r.detail);

function expectIndexedByUser(sql: string, table: string) {
  const details = plan(sql, "[]");
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
  it("reads each chunk through an index on user_id, before and after ANALYZE", () => {
    for (const round of ["no statistics", "after ANALYZE"]) {
      if (round === "after ANALYZE") getDb().$client.exec("analyze");
      expectIndexedByUser(CHUNK_SQL.progress, "lesson_progress");
      expectIndexedByUser(CHUNK_SQL.attempts, "quiz_attempts");
      expectIndexedByUser(CHUNK_SQL.certificates, "certificates");
      const byIds = plan(usersSql({ byUnit: false, byIds: true, includeInactive: false }), "[]");
      expect(
        byIds.some((d) => /^SEARCH users USING (COVERING )?INDEX sqlite_autoindex_users_1 \(id=\?\)|^SEARCH users USING INTEGER PRIMARY KEY/.test(d)),
        byIds.join(" | "),
      ).toBe(true);
      // People of a few units: by the unit index. (With statistics showing a unit holds a large
      // share of everyone, SQLite may rightly prefer one pass over the users table instead.)
      const byUnit = plan(usersSql({ byUnit: true, byIds: false, includeInactive: false }), "[]");
      if (round === "no statistics")
        expect(
          byUnit.some((d) => /^SEARCH users USING INDEX users_org_unit_idx \(org_unit_id=\?\)/.test(d)),
          byUnit.join(" | "),
        ).toBe(true);
    }
    getDb().$client.exec("drop table if exists sqlite_stat1; drop table if exists sqlite_stat4");
  });

  it("streams the whole record as CSV and XLSX, and computes a page, the dashboard and the insight", async () => {
    const content = await getContent();
    const rssBefore = process.memoryUsage().rss;
    const [csv, csvMs] = await ms(async () => new Uint8Array(await new Response(await streamWholeTrainingRecord(admin, "csv")).arrayBuffer()));
    const lines = new TextDecoder().decode(csv).split("\r\n").filter(Boolean);
    // Everyone (the whole record includes deactivated people) × the two published modules.
    const everyone = getDb().$client.prepare("select count(*) from users").pluck().get() as number;
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
    const [rows, rowsMs] = await ms(() => {
      let n = 0;
      for (const _ of trainingRecordRows(admin, content, { includeInactive: true }, { locale: "en", timeZone: "Asia/Jakarta" })) n++;
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
