// Learning path progress in the training record downloads (issue 31): after each person's module
// rows, a "Learning path" row per assigned (or certified) path with its status, modules certified
// of total, due date and path certificate, in CSV and XLSX (read back), matching the database.
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { User } from "lucia";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { pathAssignments, pathCertificates } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { createPathAssignment } from "~/paths/assignments.server";
import { exportTrainingRecord } from "~/reports/export.server";
import type { TrainingRecordFilters } from "~/reports/training-record.server";
import { clockNow } from "~/utils/clock.server";
import { dayFormatter, todayIn } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { createOrgUnit, createTestUser } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const today = todayIn("UTC", clockNow());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dayOf = dayFormatter("UTC");

let hr: TestUser;
let unit: Awaited<ReturnType<typeof createOrgUnit>>;
let done: TestUser;
let halfway: TestUser;
let late: TestUser;

async function passModule(user: TestUser, slug: string) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(`could not start ${slug}: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en");
  if (!result.ok || !result.passed) throw new Error(`did not pass ${slug}`);
}

beforeAll(async () => {
  hr = await createTestUser({ role: "hr" });
  unit = await createOrgUnit("Report Path Branch");
  done = await createTestUser({ displayName: "Ayu Lengkap", orgUnitId: unit.id });
  halfway = await createTestUser({ displayName: "Budi Separuh", orgUnitId: unit.id });
  late = await createTestUser({ displayName: "Citra Terlambat", orgUnitId: unit.id });
  const state = await getContent();
  const assigned = await createPathAssignment(
    hr as User,
    { intent: "create", pathSlug: "quick-start", targetType: "org_unit", orgUnitId: unit.id, dueDate: inDays(10) },
    state,
    today,
  );
  expect(assigned.ok).toBe(true);
  // An assignment already past its due date (the form refuses a past date, so written directly).
  await getDb()
    .insert(pathAssignments)
    .values({
      id: newId(),
      pathSlug: "any-order",
      targetType: "user",
      targetUserId: late.id,
      dueDate: inDays(-3),
      createdBy: hr.id,
      createdAt: clockNow(),
    });
  await passModule(done, "quick-module");
  await passModule(done, "limited-module");
  await passModule(halfway, "quick-module");
});

type Line = Record<string, string>;

async function csvLines(filters: TrainingRecordFilters, locale: "en" | "id" = "en"): Promise<Line[]> {
  const { stream } = await exportTrainingRecord(hr, await getContent(), filters, "csv", { locale, timeZone: "UTC" });
  const text = (await new Response(stream).text()).replace(/^\uFEFF/, "");
  return parse(text, { columns: true }) as Line[];
}

/** What the database says each person's path row must hold. */
async function expected(person: TestUser, pathSlug: string) {
  const [cert] = await getDb().select().from(pathCertificates).where(eq(pathCertificates.userId, person.id));
  return cert && cert.pathSlug === pathSlug ? { code: cert.code, day: dayOf(cert.issuedAt) } : null;
}

describe("path rows in the downloads", () => {
  it("follow each person's module rows in the CSV, with status, modules, due date and certificate from the database", async () => {
    const lines = await csvLines({ orgUnitId: unit.id });
    const state = await getContent();
    const modulesPerPerson = [...state.modules.values()].filter((m) => m.status === "published").length;
    const pathRows = lines.filter((l) => l["Row type"] === "Learning path");
    expect(
      pathRows.map((l) => [l.Name, l["Learning path"], l.Status, l["Path modules certified"], l["Path modules"], l["Due date"], l.Overdue]),
    ).toEqual([
      ["Ayu Lengkap", state.paths.get("quick-start")!.title.en, "Path completed", "2", "2", inDays(10), "No"],
      ["Budi Separuh", state.paths.get("quick-start")!.title.en, "Path in progress", "1", "2", inDays(10), "No"],
      [
        "Citra Terlambat",
        state.paths.get("any-order")!.title.en,
        "Path not started",
        "0",
        String(state.paths.get("any-order")!.moduleSlugs.length),
        inDays(-3),
        "Yes",
      ],
      ["Citra Terlambat", state.paths.get("quick-start")!.title.en, "Path not started", "0", "2", inDays(10), "No"],
    ]);
    const cert = (await expected(done, "quick-start"))!;
    const ayu = pathRows[0]!;
    expect(ayu.Certificate).toBe(cert.code);
    expect(ayu["Passed on"]).toBe(cert.day);
    expect(pathRows[1]!.Certificate).toBe("");
    // A person's path rows come right after their module rows; module rows say "Module".
    const names = lines.map((l) => l.Name);
    for (const name of ["Ayu Lengkap", "Budi Separuh", "Citra Terlambat"]) {
      const mine = lines.filter((l) => l.Name === name);
      const first = names.indexOf(name);
      expect(lines.slice(first, first + mine.length)).toEqual(mine);
      expect(mine.slice(0, modulesPerPerson).every((l) => l["Row type"] === "Module" && l["Learning path"] === "")).toBe(true);
    }
  });

  it("applies the overdue, module and due-date filters to path rows, in Indonesian too", async () => {
    const overdue = (await csvLines({ orgUnitId: unit.id, overdueOnly: true }, "id")).filter((l) => l["Jenis baris"] === "Jalur belajar");
    expect(overdue.map((l) => [l.Nama, l.Status, l["Lewat tenggat"]])).toEqual([["Citra Terlambat", "Jalur belum dimulai", "Ya"]]);
    // A module filter keeps only the paths that contain the module.
    const state = await getContent();
    const onlyAnyOrder = state.paths.get("any-order")!.moduleSlugs.find((s) => !state.paths.get("quick-start")!.moduleSlugs.includes(s));
    if (onlyAnyOrder) {
      const lines = await csvLines({ orgUnitId: unit.id, moduleSlug: onlyAnyOrder });
      expect(lines.filter((l) => l["Row type"] === "Learning path").map((l) => l["Learning path"])).toEqual([state.paths.get("any-order")!.title.en]);
    }
    const due = await csvLines({ orgUnitId: unit.id, dueFrom: inDays(5) });
    expect(due.filter((l) => l["Row type"] === "Learning path").every((l) => l["Due date"] === inDays(10))).toBe(true);
  });

  it("writes the same path rows into the XLSX, with typed cells, and counts them on the about sheet", async () => {
    const csv = await csvLines({ orgUnitId: unit.id });
    const { stream } = await exportTrainingRecord(hr, await getContent(), { orgUnitId: unit.id }, "xlsx", { locale: "en", timeZone: "UTC" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await new Response(stream).arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount - 1).toBe(csv.length);
    const pathRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(col("Row type")).value === "Learning path") pathRows.push(row);
    });
    expect(
      pathRows.map((r) => [r.getCell(col("Name")).value, r.getCell(col("Status")).value, r.getCell(col("Path modules certified")).value]),
    ).toEqual([
      ["Ayu Lengkap", "Path completed", 2],
      ["Budi Separuh", "Path in progress", 1],
      ["Citra Terlambat", "Path not started", 0],
      ["Citra Terlambat", "Path not started", 0],
    ]);
    const cert = (await expected(done, "quick-start"))!;
    const passed = pathRows[0]!.getCell(col("Passed on")).value;
    expect(passed).toBeInstanceOf(Date);
    expect((passed as Date).toISOString().slice(0, 10)).toBe(cert.day);
    expect(pathRows[0]!.getCell(col("Certificate")).value).toBe(cert.code);
    const about = workbook.worksheets[1]!;
    const pairs = new Map<string, unknown>();
    about.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(pairs.get("Learning path rows")).toBe("4");
    expect(Number(pairs.get("Rows"))).toBe(csv.length - 4);
  });
});
