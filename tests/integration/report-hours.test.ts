// Lesson hours (JP) in the training record (issue 15): each person's hours in a calendar year in
// TIME_ZONE (certificates issued that year, revoked ones excluded), the under-target flag, the
// year choice and filter, the CSV and XLSX columns, and the dashboard's under-target count.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfig, resetConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { dashboardFigures } from "~/reports/dashboard.server";
import { trainingRecordRows } from "~/reports/training-record.server";
import * as dashboardRoute from "~/routes/hr.dashboard";
import * as reportRoute from "~/routes/hr.report";
import * as csvRoute from "~/routes/hr.report[.]csv";
import * as xlsxRoute from "~/routes/hr.report[.]xlsx";
import { newId } from "~/utils/ids.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { collect } from "../setup/collect";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const TZ = "Asia/Jakarta";
let hr: TestUser;
let hrCookie: string;
let ana: TestUser;
let budi: TestUser;
let n = 0;
let content: Awaited<ReturnType<typeof getContent>>;
const getContentSync = () => content;

async function certificate(user: TestUser, hours: number | null, issuedAt: string, revoked = false) {
  n++;
  await getDb()
    .insert(certificates)
    .values({
      id: newId(),
      code: `HRS${n}-AAAA-BBBB-CCCC`,
      userId: user.id,
      attemptId: null,
      // A module no longer in the content: its hours still count in the year it was issued.
      moduleSlug: "retired-module",
      moduleMajorVersion: 1,
      moduleContentHash: "h",
      moduleTitle: "Retired module",
      holderName: user.displayName,
      staffNumber: user.staffNumber,
      locale: "en",
      score: 100,
      hours,
      issuedAt: new Date(issuedAt),
      expiresAt: null,
      revokedAt: revoked ? new Date(issuedAt) : null,
    });
}

beforeAll(async () => {
  process.env.TIME_ZONE = TZ;
  resetConfig();
  content = await getContent();
  hr = await createTestUser({ role: "hr", displayName: "Hana HR", staffNumber: "HR-1" });
  hrCookie = await sessionCookie(hr.id);
  ana = await createTestUser({ displayName: "Ana Under", staffNumber: "A-1" });
  budi = await createTestUser({ displayName: "Budi Met", staffNumber: "B-1" });
  await certificate(ana, 12, "2025-03-01T03:00:00Z");
  await certificate(ana, 8, "2025-06-01T03:00:00Z", true); // revoked: counts for nothing
  // 31 Dec 2025 17:30 UTC is 1 Jan 2026 00:30 in Jakarta: it counts in 2026.
  await certificate(ana, 10, "2025-12-31T17:30:00Z");
  await certificate(budi, 15, "2025-01-01T00:00:00Z"); // 07:00 in Jakarta on 1 January
  await certificate(budi, 6, "2025-12-31T16:59:00Z"); // 23:59 on 31 December in Jakarta
});

afterAll(() => {
  process.env.TIME_ZONE = "UTC";
  resetConfig();
});

describe("lesson hours in the training record", () => {
  it("carries each person's hours in the chosen year and flags who is under the target", async () => {
    expect(getConfig().trainingHoursTarget).toBe(20);
    const rows = (year: number) => collect(trainingRecordRows(hr, getContentSync(), { hoursYear: year }, { locale: "en", timeZone: TZ }));
    const of = async (year: number, who: TestUser) => (await rows(year)).filter((r) => r.userId === who.id);
    expect((await of(2025, ana)).every((r) => r.yearHours === 12 && r.underTarget)).toBe(true);
    expect((await of(2025, budi)).every((r) => r.yearHours === 21 && !r.underTarget)).toBe(true);
    expect((await of(2026, ana)).every((r) => r.yearHours === 10 && r.underTarget)).toBe(true);
    expect((await of(2026, budi)).every((r) => r.yearHours === 0)).toBe(true);
    expect((await of(2025, ana)).length).toBeGreaterThan(0);

    const under = await collect(trainingRecordRows(hr, getContentSync(), { hoursYear: 2025, underTargetOnly: true }, { locale: "en", timeZone: TZ }));
    expect(new Set(under.map((r) => r.staffNumber))).toEqual(new Set(["HR-1", "A-1"]));
  });

  it("shows the year's column and filter on the page", async () => {
    const page = (await run(() => reportRoute.loader(routeArgs(makeRequest("/hr/report?year=2025&underTarget=1", { cookie: hrCookie })) as never)))
      .value as Awaited<ReturnType<typeof reportRoute.loader>>;
    expect(page.hours).toEqual({ year: 2025, target: 20 });
    expect(page.query).toMatchObject({ year: 2025, underTarget: "1" });
    expect(page.filterSearch).toContain("year=2025");
    expect(new Set(page.rows.map((r) => [r.staffNumber, r.yearHours, r.underTarget].join(" ")))).toEqual(new Set(["HR-1 0 true", "A-1 12 true"]));
    const bad = (await run(() => reportRoute.loader(routeArgs(makeRequest("/hr/report?year=twenty", { cookie: hrCookie })) as never)))
      .value as Awaited<ReturnType<typeof reportRoute.loader>>;
    expect(bad.ignored).toContain("year");
  });

  it("writes the hours and the flag in the CSV and the XLSX, headed with the year", async () => {
    const csv = (await run(() => csvRoute.loader(routeArgs(makeRequest("/hr/report.csv?year=2025", { cookie: hrCookie })) as never)))
      .value as Response;
    const [header, ...lines] = parse((await csv.text()).replace(/^\uFEFF/, "")) as string[][];
    const col = (name: string) => header!.indexOf(name);
    expect(col("Lesson hours (JP) 2025")).toBeGreaterThan(0);
    const first = (staff: string) => lines.find((l) => l[0] === staff)!;
    expect(first("A-1")[col("Lesson hours (JP) 2025")]).toBe("12");
    expect(first("A-1")[col("Under target")]).toBe("yes");
    expect(first("B-1")[col("Lesson hours (JP) 2025")]).toBe("21");
    expect(first("B-1")[col("Under target")]).toBe("no");

    const xlsx = (await run(() => xlsxRoute.loader(routeArgs(makeRequest("/hr/report.xlsx?year=2026", { cookie: hrCookie })) as never)))
      .value as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const hoursCol = head.indexOf("Lesson hours (JP) 2026");
    expect(hoursCol).toBeGreaterThan(0);
    let anaHours: ExcelJS.Cell | undefined;
    sheet.eachRow((row, i) => {
      if (i > 1 && row.getCell(1).value === "A-1") anaHours = row.getCell(hoursCol);
    });
    expect(anaHours!.type).toBe(ExcelJS.ValueType.Number);
    expect(anaHours!.value).toBe(10);
    const about = workbook.worksheets[1]!;
    const aboutText = about.getSheetValues().flat().map(String).join(" ");
    expect(aboutText).toContain("2026");
  });

  it("counts the people under the target on the dashboard", async () => {
    const figures = await dashboardFigures(hr, getContentSync(), {}, { locale: "en", timeZone: TZ, now: new Date("2026-03-01T00:00:00Z") });
    expect(figures.hours).toEqual({ year: 2026, target: 20, people: 3, underTarget: 3, total: 10 });
    const lastYear = await dashboardFigures(hr, getContentSync(), {}, { locale: "en", timeZone: TZ, now: new Date("2025-12-31T16:00:00Z") });
    expect(lastYear.hours).toEqual({ year: 2025, target: 20, people: 3, underTarget: 2, total: 33 });
    const page = (await run(() => dashboardRoute.loader(routeArgs(makeRequest("/hr/dashboard", { cookie: hrCookie })) as never))).value as Awaited<
      ReturnType<typeof dashboardRoute.loader>
    >;
    expect(page.figures.hours.people).toBe(3);
    expect(page.figures.hours.target).toBe(20);
  });
});
