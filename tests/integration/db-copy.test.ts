// db:copy against a real PostgreSQL 15 cluster: a SQLite database with rows in every table is
// copied, then every row of every table is read back on both sides through each dialect's schema
// and compared; a non-empty target and a bad value are refused with nothing committed.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { is, sql } from "drizzle-orm";
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOrder, copySqliteToPostgres } from "~/db/copy.server";
import * as P from "~/db/schema-pg/index";
import * as S from "~/db/schema/sqlite";
import { startPgCluster, type PgCluster } from "../setup/pg-cluster";
import { ROOT, TEMPLATE_DB } from "../setup/paths";

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 14, 8, 30, 15, 123);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

let cluster: PgCluster;
const files: string[] = [];

function sqliteTables() {
  return Object.values(S as Record<string, unknown>).filter((v): v is SQLiteTable => is(v, SQLiteTable));
}
function pgTables() {
  return Object.values(P as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));
}

/** A fresh migrated SQLite file (the test run's template), outside the app's own database. */
function newSqlite() {
  const file = path.join(os.tmpdir(), `academy-copy-${process.pid}-${randomBytes(4).toString("hex")}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  files.push(file);
  const client = new Database(file);
  client.pragma("foreign_keys = ON");
  return { file, client, db: drizzleSqlite({ client, schema: S, casing: "snake_case" }) };
}

/** Rows in every table, with the awkward values: nulls, false, nested JSON, fractions, Unicode. */
function fillEveryTable(db: BetterSQLite3Database<typeof S>) {
  db.transaction((tx) => {
    // The child's id sorts before its parent's, so only a parents-first order can insert them.
    tx.insert(S.orgUnits)
      .values({ id: "z-root", name: "Perpustakaan Kota", code: "ROOT", parentId: null, createdAt: at(0) })
      .run();
    tx.insert(S.orgUnits)
      .values({ id: "m-branch", name: "Cabang Sungai", code: null, parentId: "z-root", createdAt: at(1) })
      .run();
    tx.insert(S.orgUnits)
      .values({ id: "a-desk", name: "Layanan Anak – “Ceria”", code: "DESK", parentId: "m-branch", createdAt: at(2) })
      .run();
    const people = [
      { id: "u-admin", email: "admin@x.test", role: "admin" as const, active: true, locale: "en" as const, staffNumber: "A1" },
      { id: "u-staff", email: "staff@x.test", role: "staff" as const, active: true, locale: "id" as const, staffNumber: null },
      { id: "u-left", email: "left@x.test", role: "staff" as const, active: false, locale: null, staffNumber: "S9" },
      { id: "u-mentor", email: "mentor@x.test", role: "mentor" as const, active: true, locale: "id" as const, staffNumber: null },
    ];
    for (const [i, p] of people.entries()) {
      tx.insert(S.users)
        .values({
          ...p,
          displayName: `Sri Wahyuni ${i} 🌱`,
          orgUnitId: i === 3 ? null : "m-branch",
          passwordHash: i === 3 ? null : "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
          createdAt: at(10 + i),
          updatedAt: at(20 + i),
          deactivatedAt: p.active ? null : at(30),
        })
        .run();
    }
    tx.insert(S.partnerOrganisations)
      .values({ id: "po-1", name: "Dinas Kominfo", createdAt: at(40) })
      .run();
    tx.insert(S.mentorProfiles)
      .values({ userId: "u-mentor", partnerOrganisationId: "po-1", createdAt: at(41) })
      .run();
    tx.insert(S.mentorAssignments)
      .values([
        { id: "ma-1", mentorId: "u-mentor", moduleSlug: "cataloguing", orgUnitId: null, createdAt: at(42) },
        { id: "ma-2", mentorId: "u-mentor", moduleSlug: "cataloguing", orgUnitId: "m-branch", createdAt: at(43) },
      ])
      .run();
    tx.insert(S.orgUnitLeads)
      .values({ orgUnitId: "m-branch", userId: "u-admin", createdBy: null, createdAt: at(44) })
      .run();
    tx.insert(S.assignments)
      .values([
        {
          id: "as-1",
          moduleSlug: "cataloguing",
          targetType: "user",
          targetUserId: "u-staff",
          dueDate: "2026-04-01",
          createdBy: "u-admin",
          createdAt: at(50),
        },
        { id: "as-2", moduleSlug: "cataloguing", targetType: "org_unit", targetOrgUnitId: "z-root", dueDate: "2026-05-01", createdAt: at(51) },
        { id: "as-3", moduleSlug: "reference", targetType: "role", targetRole: "trainer", dueDate: "2026-06-01", createdAt: at(52) },
      ])
      .run();
    tx.insert(S.quizAttempts)
      .values([
        {
          id: "qa-1",
          userId: "u-staff",
          moduleSlug: "cataloguing",
          attemptNumber: 1,
          moduleMajorVersion: 2,
          moduleContentHash: "h1",
          draw: [{ questionId: "q1", optionOrder: [2, 0, 1] }],
          answers: { q1: [0] },
          score: 40,
          passed: false,
          startedAt: at(60),
          submittedAt: at(65),
        },
        {
          id: "qa-2",
          userId: "u-staff",
          moduleSlug: "cataloguing",
          attemptNumber: 2,
          moduleMajorVersion: 2,
          moduleContentHash: "h1",
          draw: [{ questionId: "q1", optionOrder: [0, 1, 2] }],
          answers: { q1: [2] },
          score: 100,
          passed: true,
          startedAt: at(70),
          submittedAt: at(75),
        },
        {
          id: "qa-3",
          userId: "u-admin",
          moduleSlug: "cataloguing",
          attemptNumber: 1,
          moduleMajorVersion: 2,
          moduleContentHash: "h1",
          draw: [],
          answers: null,
          score: null,
          passed: null,
          startedAt: at(80),
          submittedAt: null,
        },
      ])
      .run();
    tx.insert(S.taskSubmissions)
      .values({
        id: "ts-1",
        userId: "u-staff",
        moduleSlug: "cataloguing",
        taskSlug: "poster",
        state: "approved",
        draftText: 'Draf: "kutipan" & <tag>\nbaris dua',
        latestVersion: 1,
        submittedAt: at(90),
        createdAt: at(85),
        updatedAt: at(95),
      })
      .run();
    tx.insert(S.submissionVersions)
      .values({ id: "sv-1", submissionId: "ts-1", version: 1, taskVersion: 3, rubricHash: "rh", text: "Versi satu", link: null, submittedAt: at(90) })
      .run();
    tx.insert(S.submissionFiles)
      .values([
        {
          id: "sf-1",
          submissionId: "ts-1",
          versionId: "sv-1",
          kind: "image",
          storedName: "abc.webp",
          originalName: "poster (1).png",
          mimeType: "image/webp",
          extension: "webp",
          size: 10_485_760,
          altText: "Poster",
          createdAt: at(89),
        },
        {
          id: "sf-2",
          submissionId: "ts-1",
          versionId: null,
          kind: "file",
          storedName: "def.pdf",
          originalName: "notes.pdf",
          mimeType: "application/pdf",
          extension: "pdf",
          size: 1,
          altText: null,
          createdAt: at(96),
        },
      ])
      .run();
    tx.insert(S.taskReviews)
      .values({
        id: "tr-1",
        submissionId: "ts-1",
        versionId: "sv-1",
        reviewerId: "u-mentor",
        reviewerName: "Mentor",
        reviewerOrganisation: "Dinas Kominfo",
        decision: "approved",
        scores: { layout: { level: 3, points: 4.5, comment: "Rapi ✓" } },
        overallComment: "Bagus",
        taskVersion: 3,
        rubricHash: "rh",
        decidedAt: at(100),
        // 40 days: past a 32-bit integer of milliseconds.
        waitedMs: 40 * 86_400_000,
      })
      .run();
    tx.insert(S.reviewClaims)
      .values({ submissionId: "ts-1", reviewerId: "u-mentor", expiresAt: at(120) })
      .run();
    tx.insert(S.certificates)
      .values([
        {
          id: "c-1",
          code: "ABCD-2345",
          userId: "u-staff",
          attemptId: "qa-2",
          moduleSlug: "cataloguing",
          moduleMajorVersion: 2,
          moduleContentHash: "h1",
          moduleTitle: "Katalogisasi",
          holderName: "Sri Wahyuni 1 🌱",
          staffNumber: null,
          locale: "id",
          score: 100,
          hours: 2.5,
          issuedAt: at(76),
          expiresAt: new Date(Date.UTC(2029, 2, 14)),
          assessment: [
            {
              taskSlug: "poster",
              taskTitle: { en: "Poster", id: "Poster" },
              taskVersion: 3,
              rubricHash: "rh",
              submissionVersion: 1,
              reviewerName: "Mentor",
              reviewerOrganisation: null,
              reviewerKind: "mentor",
              decidedAt: at(100).toISOString(),
            },
          ],
        },
        {
          id: "c-2",
          code: "WXYZ-6789",
          userId: "u-left",
          attemptId: null,
          moduleSlug: "reference",
          moduleMajorVersion: 1,
          moduleContentHash: "h2",
          moduleTitle: "Reference",
          holderName: "Left",
          staffNumber: "S9",
          locale: "en",
          score: 0,
          hours: null,
          issuedAt: at(77),
          revokedAt: at(78),
          revokedReason: "Issued in error",
          revokedBy: "u-admin",
        },
      ])
      .run();
    tx.insert(S.lessonProgress)
      .values([
        {
          userId: "u-staff",
          moduleSlug: "cataloguing",
          lessonSlug: "one",
          firstOpenedAt: at(55),
          lastSeenAt: at(56),
          completedAt: at(56),
          secondsSpent: 600,
        },
        {
          userId: "u-staff",
          moduleSlug: "cataloguing",
          lessonSlug: "two",
          firstOpenedAt: at(57),
          lastSeenAt: at(58),
          completedAt: null,
          secondsSpent: 0,
        },
      ])
      .run();
    tx.insert(S.notificationPreferences)
      .values({ userId: "u-staff", reminders: false, digests: true, unsubscribeToken: "tok-1", updatedAt: at(59) })
      .run();
    tx.insert(S.notifications)
      .values({
        id: "n-1",
        userId: "u-staff",
        kind: "certificate",
        title: "Sertifikat",
        body: "Selamat!",
        link: "/certificates/c-1",
        createdAt: at(76),
        readAt: null,
      })
      .run();
    tx.insert(S.outboxMessages)
      .values([
        {
          id: "o-1",
          kind: "reminder",
          userId: "u-staff",
          toEmail: "staff@x.test",
          locale: "id",
          subject: "Pengingat",
          textBody: "t",
          htmlBody: "<p>t</p>",
          unsubscribeUrl: "https://x.test/u/tok-1",
          calendarMethod: "REQUEST",
          calendarIcs: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
          status: "sent",
          attempts: 1,
          nextAttemptAt: at(61),
          transport: "smtp",
          createdAt: at(61),
          sentAt: at(62),
        },
        {
          id: "o-2",
          kind: "digest",
          userId: null,
          toEmail: "hr@x.test",
          locale: "en",
          subject: "Digest",
          textBody: "t",
          htmlBody: "<p>t</p>",
          status: "failed",
          attempts: 5,
          nextAttemptAt: at(63),
          leaseOwner: "worker-1",
          leaseUntil: at(64),
          lastError: "421 try later",
          createdAt: at(63),
        },
      ])
      .run();
    tx.insert(S.passwordTokens)
      .values({ tokenHash: "th-1", userId: "u-left", createdBy: "u-admin", createdAt: at(66), expiresAt: at(66 + 60 * 24), usedAt: null })
      .run();
    tx.insert(S.reminderRecords)
      .values({ id: "rr-1", userId: "u-staff", item: "as-1", kind: "due-soon", cycle: "2026-04-01", createdAt: at(67) })
      .run();
    tx.insert(S.sessions)
      .values({ id: "sess-1", userId: "u-staff", expiresAt: Math.floor(Date.UTC(2040, 0, 1) / 1000) })
      .run();
    tx.insert(S.ssoSpentStates)
      .values({ stateHash: "sh-1", expiresAt: at(68) })
      .run();
    tx.insert(S.userIdentities)
      .values({
        id: "ui-1",
        userId: "u-staff",
        issuer: "https://idp.x.test",
        subject: "sub-1",
        emailAtLink: "staff@x.test",
        createdAt: at(69),
        lastLoginAt: at(70),
      })
      .run();
    tx.insert(S.loginThrottles)
      .values({ key: "email:staff@x.test", failures: 3, firstFailureAt: at(71), lastFailureAt: at(72), lockedUntil: null })
      .run();
    tx.insert(S.appSecrets)
      .values({ name: "sso-cookie", value: "c2VjcmV0", createdAt: at(73) })
      .run();
    tx.insert(S.verifyRateLimits)
      .values({ key: "198.51.100.9", windowStart: at(74), hits: 21 })
      .run();
    // The kept Open Badges credential is JSON text: copied byte for byte (PostgreSQL text, not jsonb).
    tx.insert(S.openBadges)
      .values({ certificateId: "c-1", statusIndex: 131_071, credential: '{"b":1,"a":"Katalogisasi 🌱"}', createdAt: at(75) })
      .run();
    tx.insert(S.pathAssignments)
      .values([
        {
          id: "pa-1",
          pathSlug: "first-steps",
          targetType: "org_unit",
          targetOrgUnitId: "m-branch",
          dueDate: "2026-07-01",
          createdBy: "u-admin",
          createdAt: at(75),
        },
        { id: "pa-2", pathSlug: "team-lead", targetType: "role", targetRole: "staff", dueDate: "2026-08-01", createdAt: at(76) },
      ])
      .run();
    tx.insert(S.pathCertificates)
      .values({
        id: "pc-1",
        code: "PATH-2346-789A-BCDE",
        userId: "u-staff",
        pathSlug: "first-steps",
        pathTitle: "Langkah pertama – “media sosial”",
        pathDescription: "Tiga modul, urutan bebas.",
        holderName: "Staf Satu",
        staffNumber: null,
        locale: "id",
        hours: 8.5,
        modules: [{ slug: "cataloguing", title: "Katalog", hours: 2.5, certificateId: "c-1", certificateCode: "AAAA-BBBB-CCCC-DDDD" }],
        issuedAt: at(77),
      })
      .run();
    tx.insert(S.pathOpenBadges)
      .values({ pathCertificateId: "pc-1", statusIndex: 7, credential: '{"z":0,"name":"Langkah pertama"}', createdAt: at(78) })
      .run();
    tx.insert(S.liveSessions)
      .values({
        id: "ls-1",
        titleEn: "Reels clinic",
        titleId: "Klinik Reels – “Diskominfo”",
        descriptionEn: "Bring two drafts.",
        descriptionId: "Bawa dua draf.\nBaris kedua.",
        hostId: "u-mentor",
        startsAt: at(80),
        endsAt: at(200),
        place: "Aula 2",
        meetingUrl: null,
        capacity: 1,
        hours: 1.5,
        status: "cancelled",
        sequence: 3,
        attendanceCode: "K7PX-2QMA",
        createdBy: "u-admin",
        createdAt: at(79),
        updatedAt: at(81),
        cancelledAt: at(81),
      })
      .run();
    tx.insert(S.liveSessionModules)
      .values([
        { sessionId: "ls-1", moduleSlug: "cataloguing" },
        { sessionId: "ls-1", moduleSlug: "reels" },
      ])
      .run();
    tx.insert(S.liveSessionRegistrations)
      .values([
        {
          id: "lr-1",
          sessionId: "ls-1",
          userId: "u-staff",
          status: "registered",
          queuedAt: at(82),
          attendedAt: at(95),
          attendanceSource: "code",
          remindedAt: at(60),
          createdAt: at(82),
          updatedAt: at(95),
        },
        { id: "lr-2", sessionId: "ls-1", userId: "u-left", status: "waitlisted", queuedAt: at(83), createdAt: at(83), updatedAt: at(83) },
      ])
      .run();
    tx.insert(S.feedback)
      .values({
        id: "fb-1",
        userId: "u-staff",
        subjectType: "session",
        subjectId: "ls-1",
        rating: 4,
        comment: "Jelas 👍",
        createdAt: at(201),
        updatedAt: at(202),
      })
      .run();
    // More rows than one INSERT batch holds, with a gap in the ids, and the last ids deleted so
    // SQLite's AUTOINCREMENT counter is ahead of the highest id left.
    for (let i = 0; i < 1210; i++) {
      tx.insert(S.auditEvents)
        .values({
          actorId: i % 2 ? "u-admin" : null,
          action: `action.${i % 7}`,
          subjectType: "user",
          subjectId: "u-staff",
          details: i % 3 ? { i, nested: { ok: true, list: [1, "dua"] } } : null,
          createdAt: at(200 + i),
        })
        .run();
    }
    tx.run(sql`delete from audit_events where id in (500, 1209, 1210)`);
  });
}

/** JSON with object keys sorted: jsonb keeps its own key order, so rows sort the same on both sides. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Every row of a table (as the dialect's schema reads it) in an order independent of the dialect. */
function sorted<T>(rows: T[]) {
  return rows
    .map((row) => ({ key: canonical(row), row }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((r) => r.row);
}

beforeAll(async () => {
  cluster = await startPgCluster();
});

afterAll(async () => {
  await cluster?.stop();
  for (const file of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

describe("db:copy from SQLite to PostgreSQL", () => {
  it("orders tables after the tables they reference, from the schema's foreign keys", () => {
    const order = copyOrder().map((p) => p.name);
    expect(new Set(order)).toEqual(new Set(sqliteTables().map((t) => sqliteTableConfig(t).name)));
    for (const table of sqliteTables()) {
      const config = sqliteTableConfig(table);
      for (const fk of config.foreignKeys) {
        const parent = sqliteTableConfig(fk.reference().foreignTable).name;
        if (parent !== config.name) expect(order.indexOf(parent), `${parent} before ${config.name}`).toBeLessThan(order.indexOf(config.name));
      }
    }
    expect(copyOrder().find((p) => p.name === "org_units")!.selfReferences).toEqual([{ column: "parent_id", parent: "id" }]);
  });

  it("copies every row of every table, values intact, through the command line", async () => {
    const source = newSqlite();
    fillEveryTable(source.db);
    for (const table of sqliteTables()) {
      const name = sqliteTableConfig(table).name;
      expect(source.client.prepare(`select count(*) as n from "${name}"`).get(), `fixture rows in ${name}`).not.toEqual({ n: 0 });
    }
    // A table the application does not know is named, not silently skipped.
    source.client.exec("create table legacy_notes (note text); insert into legacy_notes values ('x')");
    const url = await cluster.createDatabase("copy_target");

    const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/db-copy.ts"), "--from", source.file, "--to", url], {
      cwd: ROOT,
      timeout: 120_000,
    });
    expect(stdout).toMatch(/audit_events\s+1207\s+1207/);
    expect(stdout).toMatch(/org_units\s+3\s+3/);
    expect(stdout).toContain("every count matches");
    expect(stdout).toContain("Not copied (not part of the application's schema): legacy_notes");

    const pool = new pg.Pool({ connectionString: url });
    try {
      const target = drizzlePg({ client: pool, schema: P, casing: "snake_case" });
      const pgByName = new Map(pgTables().map((t) => [pgTableConfig(t).name, t]));
      for (const table of sqliteTables()) {
        const name = sqliteTableConfig(table).name;
        const fromSqlite = sorted(source.db.select().from(table).all() as Record<string, unknown>[]);
        const fromPg = sorted((await target.select().from(pgByName.get(name)!)) as Record<string, unknown>[]);
        expect(fromPg.length, name).toBe(fromSqlite.length);
        expect(fromPg, name).toEqual(fromSqlite);
      }
      // Stored values, not only what the schemas make of them: the same epoch milliseconds.
      const { rows } = await pool.query<{ created_at: string }>("select created_at from users where id = 'u-admin'");
      expect(rows[0]!.created_at).toBe(String(T0 + 10 * 60_000));
      // The next audit event continues after every id SQLite ever handed out (1210), not after the highest left.
      const [next] = await target
        .insert(P.auditEvents)
        .values({ action: "after.copy", createdAt: at(5000) })
        .returning({ id: P.auditEvents.id });
      expect(next!.id).toBe(1211);
    } finally {
      await pool.end();
    }
    source.client.close();
  }, 120_000); // Starts the CLI in a new process (tsx compiles it): slow on a loaded machine.

  it("refuses a target that already holds rows, and changes nothing there", async () => {
    const source = newSqlite();
    fillEveryTable(source.db);
    source.client.close();
    const url = await cluster.createDatabase("copy_nonempty");
    await copySqliteToPostgres({ from: source.file, to: url });
    const pool = new pg.Pool({ connectionString: url });
    try {
      await pool.query("delete from audit_events");
      const before = await pool.query("select count(*)::int as n from users");

      const failure = await run(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/db-copy.ts"), "--from", source.file, "--to", url], {
        cwd: ROOT,
        timeout: 120_000,
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/not empty \(rows in .*users/);
      expect(failure?.stderr).not.toMatch(/audit_events/);

      expect((await pool.query("select count(*)::int as n from users")).rows).toEqual(before.rows);
      expect((await pool.query("select count(*)::int as n from audit_events")).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  }, 120_000);

  it("stops at a value the column cannot hold, naming table and column, with nothing committed", async () => {
    const source = newSqlite();
    fillEveryTable(source.db);
    source.client.prepare("update users set active = 2 where id = 'u-staff'").run();
    source.client.close();
    const url = await cluster.createDatabase("copy_badvalue");

    await expect(copySqliteToPostgres({ from: source.file, to: url })).rejects.toThrow(/users row \d+, column active: 2 is not a boolean/);
    const pool = new pg.Pool({ connectionString: url });
    try {
      // The tables copied before users (org_units) were rolled back too.
      expect((await pool.query("select count(*)::int as n from org_units")).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });
});
