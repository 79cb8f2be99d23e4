// The training record: rows agree with the learner's own page (moduleStatus, assignments),
// filters, sorting and totals, and the CSV/XLSX downloads hold exactly the filtered rows with
// formula-like names made harmless.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { assignments, certificates } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { myLearning } from "~/learning/my-learning.server";
import { todayIn } from "~/utils/dates";
import { markLessonComplete } from "~/learning/progress.server";
import { navItemsFor } from "~/components/nav";
import { csvField } from "~/utils/csv.server";
import { EXPORT_LINE_COLUMNS } from "~/reports/line-columns.server";
import { exportTrainingRecord } from "~/reports/export.server";
import {
  resolveFilters,
  trainingRecordPage,
  trainingRecordRows,
  type TrainingRecordFilters,
  type TrainingRecordRow,
} from "~/reports/training-record.server";
import * as dashboardRoute from "~/routes/hr.dashboard";
import * as reportRoute from "~/routes/hr.report";
import * as csvRoute from "~/routes/hr.report[.]csv";
import * as xlsxRoute from "~/routes/hr.report[.]xlsx";
import * as insightRoute from "~/routes/trainer.insight";
import { parseReportQuery } from "~/schemas/reports";
import { newId } from "~/utils/ids.server";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";
import { collect } from "../setup/collect";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const DAY = 86_400_000;
const today = todayIn("UTC", clockNow());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

let hr: TestUser;
let hrCookie: string;
let system: Awaited<ReturnType<typeof createOrgUnit>>;
let riverside: Awaited<ReturnType<typeof createOrgUnit>>;
let hillside: Awaited<ReturnType<typeof createOrgUnit>>;
const people = {} as Record<"ani" | "formula" | "budi" | "at" | "dash" | "gone" | "fails", TestUser>;

async function pass(user: TestUser, slug: string, when = clockNow()) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod, when);
  const started = await startAttempt(user, mod, when);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", when);
  if (!result.ok || !result.passed) throw new Error("expected a pass");
  return result;
}

async function fail(user: TestUser, slug: string, when = clockNow()) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod, when);
  const started = await startAttempt(user, mod, when);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(
    user,
    mod,
    attempt,
    answerForm(mod, attempt, () => "wrong"),
    "en",
    when,
  );
  if (!result.ok || result.passed) throw new Error("expected a fail");
}

async function assign(moduleSlug: string, target: { userId?: string; orgUnitId?: string; role?: "staff" }, dueDate: string) {
  await getDb()
    .insert(assignments)
    .values({
      id: newId(),
      moduleSlug,
      targetType: target.userId ? "user" : target.orgUnitId ? "org_unit" : "role",
      targetUserId: target.userId ?? null,
      targetOrgUnitId: target.orgUnitId ?? null,
      targetRole: target.role ?? null,
      dueDate,
      createdAt: clockNow(),
    });
}

beforeAll(async () => {
  hr = await createTestUser({ role: "hr", displayName: "Hana HR", staffNumber: "HR-1" });
  hrCookie = await sessionCookie(hr.id);
  system = await createOrgUnit("Kota Harapan Library");
  riverside = await createOrgUnit("Riverside Branch", system.id);
  hillside = await createOrgUnit("Hillside Branch", system.id);

  people.ani = await createTestUser({ displayName: "Ani Passed", staffNumber: "R-001", orgUnitId: riverside.id });
  people.formula = await createTestUser({ displayName: '=HYPERLINK("http://evil.example","x")', staffNumber: "R-002", orgUnitId: riverside.id });
  people.budi = await createTestUser({ displayName: "+62 Budi, Santoso", staffNumber: "H-001", orgUnitId: hillside.id });
  people.at = await createTestUser({ displayName: "@admin", staffNumber: "N-001" });
  people.dash = await createTestUser({ displayName: '-Dewi "Quote"\nNewline', staffNumber: "S-001", orgUnitId: system.id });
  people.gone = await createTestUser({ displayName: "Gone Person", staffNumber: "R-003", orgUnitId: riverside.id, active: false });
  people.fails = await createTestUser({ displayName: "Fajar Fails", staffNumber: "H-002", orgUnitId: hillside.id });

  const quick = await moduleBySlug("quick-module");
  await pass(people.ani, "quick-module", new Date(clockNow().getTime() - 40 * DAY));
  await pass(people.gone, "quick-module", new Date(clockNow().getTime() - 10 * DAY));
  await markLessonComplete(people.budi.id, "quick-module", quick.lessons[0]!.slug, 5);
  await fail(people.fails, "limited-module");
  // Quick module for the whole Riverside branch, due yesterday: overdue for anyone not passed.
  await assign("quick-module", { orgUnitId: riverside.id }, inDays(-1));
  // Limited module for one person in a month, and an earlier date for all staff in two weeks.
  await assign("limited-module", { userId: people.budi.id }, inDays(30));
  await assign("limited-module", { role: "staff" }, inDays(14));
});

const state = () => getContent();
const rowsFor = async (filters: TrainingRecordFilters, chunkSize?: number) =>
  collect(trainingRecordRows(hr, await state(), filters, { locale: "en", timeZone: "UTC", chunkSize }));
const key = (r: Pick<TrainingRecordRow, "staffNumber" | "moduleSlug">) => `${r.staffNumber}/${r.moduleSlug}`;

async function download(route: typeof csvRoute | typeof xlsxRoute, path: string, cookie = hrCookie) {
  const { thrown, value } = await run(() => route.loader(routeArgs(makeRequest(path, { cookie })) as never));
  expect(thrown).toBe(false);
  const response = value as Response;
  expect(response.status).toBe(200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** A small RFC 4180 reader, to check the CSV the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe("training record rows", () => {
  it("has one row per active person × published module, agreeing with each learner's own page", async () => {
    const rows = await rowsFor({});
    const content = await state();
    const active = [hr, people.ani, people.formula, people.budi, people.at, people.dash, people.fails];
    expect(rows).toHaveLength(active.length * 2);
    expect(new Set(rows.map((r) => r.moduleSlug))).toEqual(new Set(["quick-module", "limited-module"]));
    expect(rows.some((r) => r.name === "Gone Person")).toBe(false);
    for (const person of active) {
      const page = await myLearning(person, content, "en", "UTC");
      for (const card of [...page.assigned, ...page.others]) {
        const row = rows.find((r) => r.userId === person.id && r.moduleSlug === card.slug)!;
        expect(row, `${person.displayName} ${card.slug}`).toBeDefined();
        expect({ status: row.status, due: row.dueDate, overdue: row.overdue, done: row.lessonsDone, total: row.lessonsTotal }).toEqual({
          status: card.status,
          due: card.dueDate,
          overdue: card.overdue,
          done: card.lessonsDone,
          total: card.lessonsTotal,
        });
      }
    }
  });

  it("fills in the certificate, version, score, attempts and dates", async () => {
    const rows = await rowsFor({});
    const quick = await moduleBySlug("quick-module");
    const ani = rows.find((r) => r.userId === people.ani.id && r.moduleSlug === "quick-module")!;
    const cert = (await getDb().select().from(certificates)).find((c) => c.userId === people.ani.id)!;
    expect(ani).toMatchObject({
      status: "passed",
      staffNumber: "R-001",
      orgUnit: "Riverside Branch",
      moduleMajorVersion: quick.majorVersion,
      moduleContentHash: quick.contentHash,
      attempts: 1,
      bestScore: 100,
      certificateCode: cert.code,
      dueDate: inDays(-1),
      overdue: false,
    });
    expect(ani.passedOn?.getTime()).toBe(cert.issuedAt.getTime());
    expect(ani.certificateExpiresOn?.getTime()).toBe(cert.expiresAt!.getTime());
    expect(ani.lastActivity?.getTime()).toBe(cert.issuedAt.getTime());

    const formula = rows.find((r) => r.userId === people.formula.id && r.moduleSlug === "quick-module")!;
    expect(formula).toMatchObject({ status: "not-started", overdue: true, attempts: 0, bestScore: null, certificateCode: null, lastActivity: null });
    const fails = rows.find((r) => r.userId === people.fails.id && r.moduleSlug === "limited-module")!;
    expect(fails).toMatchObject({ status: "failed", attempts: 1, bestScore: 0, dueDate: inDays(14), overdue: false });
    // The earliest of two assignments counts: the role's date, not the personal one.
    expect(rows.find((r) => r.userId === people.budi.id && r.moduleSlug === "limited-module")!.dueDate).toBe(inDays(14));
  });

  it("gives the same rows whatever the chunk size", async () => {
    const whole = (await rowsFor({ includeInactive: true })).map(key);
    expect((await rowsFor({ includeInactive: true }, 2)).map(key)).toEqual(whole);
    expect((await rowsFor({ includeInactive: true }, 1)).map(key)).toEqual(whole);
  });

  it("filters by org unit with sub-units, module, status, assignment, overdue, dates and active people", async () => {
    const keys = async (f: TrainingRecordFilters) => (await rowsFor(f)).map(key).sort();
    expect(await keys({ orgUnitId: system.id, moduleSlug: "quick-module" })).toEqual([
      "H-001/quick-module",
      "H-002/quick-module",
      "R-001/quick-module",
      "R-002/quick-module",
      "S-001/quick-module",
    ]);
    expect(await keys({ orgUnitId: riverside.id, moduleSlug: "quick-module", includeInactive: true })).toEqual([
      "R-001/quick-module",
      "R-002/quick-module",
      "R-003/quick-module",
    ]);
    expect(await keys({ status: "passed" })).toEqual(["R-001/quick-module"]);
    expect(await keys({ status: "passed", includeInactive: true })).toEqual(["R-001/quick-module", "R-003/quick-module"]);
    expect(await keys({ status: "in-progress" })).toEqual(["H-001/quick-module"]);
    expect(await keys({ overdueOnly: true })).toEqual(["R-002/quick-module"]);
    expect(await keys({ assignedOnly: true, moduleSlug: "quick-module" })).toEqual(["R-001/quick-module", "R-002/quick-module"]);
    expect((await keys({ dueFrom: inDays(10), dueTo: inDays(20) })).every((k) => k.endsWith("/limited-module"))).toBe(true);
    expect(await keys({ dueFrom: inDays(10), dueTo: inDays(20), orgUnitId: hillside.id })).toEqual(["H-001/limited-module", "H-002/limited-module"]);
    expect(await keys({ passedFrom: inDays(-41), passedTo: inDays(-39) })).toEqual(["R-001/quick-module"]);
    expect(await keys({ passedFrom: inDays(-20), includeInactive: true })).toEqual(["R-003/quick-module"]);
    const expiry = (await rowsFor({ status: "passed" }))[0]!.certificateExpiresOn!.toISOString().slice(0, 10);
    expect(await keys({ expiresFrom: expiry, expiresTo: expiry })).toEqual(["R-001/quick-module"]);
  });

  it("refuses anyone but HR and admins in the data function itself", async () => {
    const staff = await createTestUser();
    const trainer = await createTestUser({ role: "trainer" });
    for (const actor of [staff, trainer]) {
      expect(() => trainingRecordRows(actor, {} as never, {}, { locale: "en", timeZone: "UTC" })).toThrow();
      const { thrown, value } = await run(() => trainingRecordRows(actor, {} as never, {}, { locale: "en", timeZone: "UTC" }));
      expect(thrown).toBe(true);
      expect((value as Response).status).toBe(403);
    }
  });
});

describe("the report page", () => {
  type PageData = {
    rows: { name: string; staffNumber: string | null; status: string; moduleTitle: string; bestScore: number | null }[];
    totals: Record<string, number>;
    page: number;
    pages: number;
    ignored: string[];
    sort: string;
    dir: string;
  };
  const load = async (search: string) => {
    const { value } = await run(() => reportRoute.loader(routeArgs(makeRequest(`/hr/report${search}`, { cookie: hrCookie })) as never));
    return unwrap(value).data as PageData;
  };

  it("shows totals for the filtered set, sorted by name by default", async () => {
    const data = await load(`?module=quick-module&orgUnit=${system.id}`);
    expect(data.totals).toEqual({ rows: 5, passed: 1, inProgress: 1, notStarted: 3, expired: 0, overdue: 1 });
    const names = data.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB", { sensitivity: "base", numeric: true })));
    expect(data.rows).toHaveLength(5);
  });

  it("sorts by any sortable column both ways, empty values last", async () => {
    const byScore = await load("?sort=score&dir=desc");
    expect(byScore.rows[0]!.bestScore).toBe(100);
    expect(byScore.rows[1]!.bestScore).toBe(0);
    expect(byScore.rows.slice(2).every((r) => r.bestScore === null)).toBe(true);
    const asc = await load("?sort=score&dir=asc");
    expect(asc.rows.slice(0, 2).map((r) => r.bestScore)).toEqual([0, 100]);
    const byStatus = await load("?sort=status&dir=desc");
    expect(byStatus.rows[0]!.status).toBe("passed");
    const byName = await load("?sort=name&dir=desc");
    const ascNames = (await load("?sort=name&dir=asc")).rows.map((r) => r.name);
    expect(byName.rows.map((r) => r.name)).toEqual([...ascNames].reverse());
    expect(byName.rows.map((r) => r.name)).not.toEqual(ascNames);
  });

  it("pages through a set larger than a page with the same totals on every page", async () => {
    const extra = await createOrgUnit("Paging Branch");
    for (let i = 0; i < 26; i++) await createTestUser({ displayName: `Paging ${String(i).padStart(2, "0")}`, orgUnitId: extra.id });
    const first = await load(`?orgUnit=${extra.id}`);
    const second = await load(`?orgUnit=${extra.id}&page=2`);
    expect(first.totals.rows).toBe(52);
    expect(second.totals).toEqual(first.totals);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(2);
    expect(second.rows.map((r) => r.name)).toEqual(["Paging 25", "Paging 25"]);
    // A page past the end shows the last page rather than nothing.
    const past = await load(`?orgUnit=${extra.id}&page=9`);
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.name)).toEqual(["Paging 25", "Paging 25"]);
  });

  it("ignores values it cannot read, and says which", async () => {
    const data = await load("?status=bogus&dueFrom=2026-02-30&module=no-such-module&orgUnit=nope&sort=evil&page=-3");
    expect(data.ignored.sort()).toEqual(["dueFrom", "module", "orgUnit", "page", "sort", "status"]);
    expect(data.totals.rows).toBe((await load("")).totals.rows);
  });
});

describe("downloads", () => {
  const filter = `?orgUnit=${"SYSTEM"}&module=quick-module&people=all`;

  it("streams exactly the filtered rows as CSV: BOM, header, ISO days, neutralised formulas, proper quoting", async () => {
    const query = filter.replace("SYSTEM", system.id);
    const { response, bytes } = await download(csvRoute, `/hr/report.csv${query}`);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="training-record-${today}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(decoded.startsWith("\uFEFF")).toBe(true);
    const text = decoded.slice(1);
    const [header, ...lines] = parseCsv(text);
    expect(header![0]).toBe("Staff number");
    expect(header).toContain("Passed on");

    const expected = await rowsFor((await resolveFilters(parseReportQuery(new URL(`http://x/${query}`).searchParams).query, await state())).filters);
    expect(lines).toHaveLength(expected.length);
    expect(lines.map((l) => l[0])).toEqual(expected.map((r) => r.staffNumber));
    expect(lines.map((l) => l[0]).sort()).toEqual(["H-001", "H-002", "R-001", "R-002", "R-003", "S-001"]);

    const col = (name: string) => header!.indexOf(name);
    const byStaff = new Map(lines.map((l) => [l[0], l]));
    expect(byStaff.get("R-002")![col("Name")]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(byStaff.get("H-001")![col("Name")]).toBe("'+62 Budi, Santoso");
    expect(byStaff.get("S-001")![col("Name")]).toBe('\'-Dewi "Quote"\nNewline');
    const ani = byStaff.get("R-001")!;
    expect(ani[col("Status")]).toBe("Passed");
    expect(ani[col("Passed on")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ani[col("Passed on")]).toBe(inDays(-40));
    expect(ani[col("Due date")]).toBe(inDays(-1));
    expect(ani[col("Best score (%)")]).toBe("100");
    expect(byStaff.get("R-002")![col("Overdue")]).toBe("Yes");
    expect(byStaff.get("R-003")![col("Account")]).toBe("Deactivated");
    // Raw text: the quoted, neutralised name as it sits in the file.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text.split("\r\n").every((l) => !/^[=+\-@]/.test(l))).toBe(true);
  });

  it("neutralises every formula start in a CSV field, and leaves numbers and plain text alone", () => {
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+62 812")).toBe("'+62 812");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("\rcmd")).toBe(`"'\rcmd"`);
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField("Ani")).toBe("Ani");
    expect(csvField(42)).toBe("42");
    expect(csvField(null)).toBe("");
  });

  it("streams exactly the filtered rows as XLSX: strings stay strings, dates and numbers are typed, header frozen and filtered", async () => {
    const query = filter.replace("SYSTEM", system.id);
    const { response, bytes } = await download(xlsxRoute, `/hr/report.xlsx${query}`);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="training-record-${today}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Training record");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe("Staff number");
    const col = (name: string) => header.indexOf(name) + 1;
    const data: ExcelJS.Row[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) data.push(sheet.getRow(r));
    expect(data.map((r) => r.getCell(1).value).sort()).toEqual(["H-001", "H-002", "R-001", "R-002", "R-003", "S-001"]);

    const row = (staff: string) => data.find((r) => r.getCell(1).value === staff)!;
    const formulaName = row("R-002").getCell(col("Name"));
    expect(formulaName.type).toBe(ExcelJS.ValueType.String);
    expect(formulaName.value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(formulaName.formula).toBeUndefined();
    expect(row("H-001").getCell(col("Name")).value).toBe("+62 Budi, Santoso");
    expect(row("N-001")).toBeUndefined();

    const passedOn = row("R-001").getCell(col("Passed on"));
    expect(passedOn.type).toBe(ExcelJS.ValueType.Date);
    expect((passedOn.value as Date).toISOString().slice(0, 10)).toBe(inDays(-40));
    expect(passedOn.numFmt).toBe("yyyy-mm-dd");
    const score = row("R-001").getCell(col("Best score (%)"));
    expect(score.type).toBe(ExcelJS.ValueType.Number);
    expect(score.value).toBe(100);
    expect(row("R-002").getCell(col("Best score (%)")).value).toBeNull();
    expect(row("R-001").getCell(col("Module version")).value).toBe((await moduleBySlug("quick-module")).majorVersion);

    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // Every column of the header row, however many the export has.
    expect(sheet.autoFilter).toBe(`A1:${sheet.getColumn(EXPORT_LINE_COLUMNS.length).letter}1`);
    expect(sheet.getColumn(col("Name")).width).toBeGreaterThan(20);

    const about = workbook.worksheets[1]!;
    const pairs = new Map<string, unknown>();
    about.eachRow((r) => pairs.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(pairs.get("Org unit (with its sub-units)")).toBe("Kota Harapan Library (with sub-units)");
    expect(pairs.get("Module")).toBe("Quick module");
    expect(pairs.get("People")).toBe("Everyone, deactivated accounts too");
    expect(pairs.get("Rows")).toBe("6");
    expect(pairs.get("Exported by")).toBe("Hana HR");
    expect(pairs.get("Exported at")).toBeInstanceOf(Date);
  });

  it("writes the headers and labels in the viewer's language", async () => {
    const content = await state();
    const { stream, filename } = await exportTrainingRecord(hr, content, { moduleSlug: "quick-module", status: "passed" }, "csv", {
      locale: "id",
      timeZone: "UTC",
    });
    expect(filename).toBe(`rekap-pelatihan-${today}.csv`);
    const [header, line] = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer()).slice(1));
    expect(header!.slice(0, 3)).toEqual(["NIP", "Nama", "Email"]);
    expect(line).toContain("Modul singkat");
    expect(line).toContain("Lulus");
  });
});

describe("access", () => {
  type RouteModule = { loader: (args: never) => unknown };
  const URLS: { path: string; module: RouteModule; roles: readonly string[] }[] = [
    { path: "/hr/report", module: reportRoute, roles: ["hr", "admin"] },
    { path: "/hr/report.csv", module: csvRoute, roles: ["hr", "admin"] },
    { path: "/hr/report.xlsx", module: xlsxRoute, roles: ["hr", "admin"] },
    { path: "/hr/dashboard", module: dashboardRoute, roles: ["hr", "admin"] },
    { path: "/trainer/insight", module: insightRoute, roles: ["trainer", "hr", "admin"] },
  ];

  it("gives staff a 403 on every report URL, and trainers on HR's", async () => {
    for (const role of ["staff", "trainer"] as const) {
      const cookie = await sessionCookie((await createTestUser({ role })).id);
      for (const u of URLS) {
        const { thrown, value } = await run(() => u.module.loader(routeArgs(makeRequest(`${u.path}?module=quick-module`, { cookie })) as never));
        const status = thrown ? (value as Response).status : unwrap(value).status;
        expect(status, `${role} ${u.path}`).toBe(u.roles.includes(role) ? 200 : 403);
      }
    }
  });

  it("lets HR and admins open every one of them", async () => {
    const admin = await sessionCookie((await createTestUser({ role: "admin" })).id);
    for (const cookie of [hrCookie, admin]) {
      for (const u of URLS) {
        const { thrown, value } = await run(() => u.module.loader(routeArgs(makeRequest(u.path, { cookie })) as never));
        expect(thrown, u.path).toBe(false);
        const result = value instanceof Response ? value : null;
        if (result) {
          expect(result.status).toBe(200);
          await result.arrayBuffer();
        }
      }
    }
  });

  it("sends a visitor without a session to the login page", async () => {
    for (const u of URLS) {
      const { value } = await run(() => u.module.loader(routeArgs(makeRequest(u.path)) as never));
      expect((value as Response).status, u.path).toBe(302);
    }
  });

  it("shows the links to the roles that may open them", () => {
    const links = (role: "staff" | "trainer" | "hr" | "admin") => navItemsFor(role).map((i) => i.to);
    expect(links("staff")).not.toEqual(expect.arrayContaining(["/hr/report"]));
    for (const to of ["/hr/report", "/hr/dashboard", "/trainer/insight"]) expect(links("staff")).not.toContain(to);
    expect(links("trainer")).toContain("/trainer/insight");
    expect(links("trainer")).not.toContain("/hr/report");
    for (const role of ["hr", "admin"] as const)
      expect(links(role)).toEqual(expect.arrayContaining(["/hr/report", "/hr/dashboard", "/trainer/insight"]));
  });
});

describe("consistency over time", () => {
  it("uses one clock: a page computed at a fixed time matches rows at that time", async () => {
    const content = await state();
    const now = new Date(clockNow().getTime() + 400 * DAY);
    const { filters } = await resolveFilters({ module: "quick-module" }, content);
    const page = await trainingRecordPage(
      hr,
      content,
      filters,
      { sort: "name", dir: "asc", page: 1, pageSize: 50 },
      { locale: "en", timeZone: "UTC", now },
    );
    const rows = await collect(trainingRecordRows(hr, content, filters, { locale: "en", timeZone: "UTC", now }));
    // A year on, Ani's certificate (12 months) has expired.
    expect(rows.find((r) => r.userId === people.ani.id)!.status).toBe("expired");
    expect(page.totals.expired).toBe(rows.filter((r) => r.status === "expired").length);
    expect(page.rows.map(key).sort()).toEqual(rows.map(key).sort());
  });
});
