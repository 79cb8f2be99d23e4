import "../setup/practice-env";
// The training record's practical-task status per person and module (issue 13): the rows, the
// page, the CSV and XLSX columns and the dashboard's counts all read the same status.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { reviewClaims, taskSubmissions, type SubmissionState } from "~/db/schema";
import { dashboardFigures } from "~/reports/dashboard.server";
import { exportTrainingRecord } from "~/reports/export.server";
import { practiceStatusOf } from "~/reports/practice-status";
import { trainingRecordRows } from "~/reports/training-record.server";
import * as dashboardRoute from "~/routes/hr.dashboard";
import * as reportRoute from "~/routes/hr.report";
import { newId } from "~/utils/ids.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { clockNow } from "~/utils/clock.server";
import { collect } from "../setup/collect";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const HOUR = 3_600_000;
let hr: TestUser;
let hrCookie: string;
const staff = {} as Record<"none" | "partial" | "review" | "waiting" | "changes" | "done", TestUser>;

async function work(user: TestUser, moduleSlug: string, taskSlug: string, state: SubmissionState, claimExpiresAt?: Date) {
  const now = clockNow();
  const id = newId();
  await getDb()
    .insert(taskSubmissions)
    .values({
      id,
      userId: user.id,
      moduleSlug,
      taskSlug,
      state,
      latestVersion: state === "draft" ? 0 : 1,
      submittedAt: state === "submitted" ? now : null,
      createdAt: now,
      updatedAt: now,
    });
  if (claimExpiresAt) await getDb().insert(reviewClaims).values({ submissionId: id, reviewerId: hr.id, expiresAt: claimExpiresAt });
}

beforeAll(async () => {
  hr = await createTestUser({ role: "hr", displayName: "Hana HR", staffNumber: "HR-1" });
  hrCookie = await sessionCookie(hr.id);
  const names = ["none", "partial", "review", "waiting", "changes", "done"] as const;
  for (const [i, name] of names.entries()) staff[name] = await createTestUser({ displayName: `P${i} ${name}`, staffNumber: `P-${name}` });
  await work(staff.partial, "tasks-only-module", "monthly-report", "approved");
  await work(staff.partial, "tasks-only-module", "photo-consent", "draft");
  await work(staff.review, "practice-module", "voice-guide", "submitted", new Date(clockNow().getTime() + HOUR));
  await work(staff.waiting, "practice-module", "voice-guide", "submitted", new Date(clockNow().getTime() - HOUR)); // the claim ran out
  await work(staff.changes, "tasks-only-module", "monthly-report", "submitted");
  await work(staff.changes, "tasks-only-module", "photo-consent", "changes-requested");
  await work(staff.done, "tasks-only-module", "monthly-report", "approved");
  await work(staff.done, "tasks-only-module", "photo-consent", "approved");
  await work(staff.done, "tasks-only-module", "retired-task", "draft"); // a task no longer in the module
});

const EXPECTED: Record<string, Record<string, [string | null, number, number]>> = {
  "P-none": { "quiz-only-module": [null, 0, 0], "practice-module": ["not-started", 0, 1], "tasks-only-module": ["not-started", 0, 2] },
  "P-partial": { "tasks-only-module": ["draft", 1, 2], "practice-module": ["not-started", 0, 1] },
  "P-review": { "practice-module": ["in-review", 0, 1] },
  "P-waiting": { "practice-module": ["submitted", 0, 1] },
  "P-changes": { "tasks-only-module": ["changes-requested", 0, 2] },
  "P-done": { "tasks-only-module": ["approved", 2, 2] },
};

describe("practical-task status in the training record", () => {
  it("derives one status per person and module from the tasks' states", async () => {
    const rows = await collect(trainingRecordRows(hr, await getContent(), {}, { locale: "en", timeZone: "UTC" }));
    const byKey = new Map(rows.map((r) => [`${r.staffNumber}/${r.moduleSlug}`, r]));
    for (const [person, modules] of Object.entries(EXPECTED))
      for (const [slug, [practice, approved, total]] of Object.entries(modules)) {
        const row = byKey.get(`${person}/${slug}`)!;
        expect({ person, slug, practice: row.practice, approved: row.tasksApproved, total: row.tasksTotal }).toEqual({
          person,
          slug,
          practice,
          approved,
          total,
        });
      }
  });

  it("puts the status, approved and total tasks in the CSV and the XLSX", async () => {
    const state = await getContent();
    const csv = await exportTrainingRecord(hr, state, {}, "csv", { locale: "en", timeZone: "UTC" });
    const text = new TextDecoder().decode(await new Response(csv.stream).arrayBuffer()).replace(/^\uFEFF/, "");
    const [header, ...lines] = parse(text) as string[][];
    const col = (name: string) => header!.indexOf(name);
    expect(col("Practical tasks")).toBeGreaterThan(0);
    const line = (staffNumber: string, moduleTitle: RegExp) => lines.find((l) => l[0] === staffNumber && moduleTitle.test(l[col("Module")]!))!;
    const tasksOnly = /task/i;
    expect(line("P-partial", tasksOnly)[col("Practical tasks")]).toBe("Started, not handed in");
    expect(line("P-partial", tasksOnly)[col("Tasks approved")]).toBe("1");
    expect(line("P-partial", tasksOnly)[col("Tasks in module")]).toBe("2");
    expect(line("P-changes", tasksOnly)[col("Practical tasks")]).toBe("Changes requested");
    expect(line("P-done", tasksOnly)[col("Practical tasks")]).toBe("Approved");
    expect(line("P-none", /quiz/i)[col("Practical tasks")]).toBe("");

    const xlsx = await exportTrainingRecord(hr, state, {}, "xlsx", { locale: "id", timeZone: "UTC" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await new Response(xlsx.stream).arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const xcol = (name: string) => head.indexOf(name);
    const reviewRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(1).value) === "P-review") reviewRows.push(row);
    });
    // Three modules: the quiz-only one has no practical status; practice-module is in review.
    expect(reviewRows.map((r) => r.getCell(xcol("Tugas praktik")).value ?? null).sort()).toEqual(["Belum dimulai", "Sedang dinilai", null]);
    const review = reviewRows.find((r) => r.getCell(xcol("Tugas praktik")).value === "Sedang dinilai")!;
    expect(review.getCell(xcol("Tugas disetujui")).value).toBe(0);
    expect(review.getCell(xcol("Jumlah tugas modul")).value).toBe(1);
  });

  it("shows the status on the page and counts it on the dashboard", async () => {
    const page = (await run(() => reportRoute.loader(routeArgs(makeRequest("/hr/report?module=practice-module", { cookie: hrCookie })) as never)))
      .value as Awaited<ReturnType<typeof reportRoute.loader>>;
    const shown = new Map(page.rows.map((r) => [r.staffNumber, r.practice]));
    expect(shown.get("P-review")).toBe("in-review");
    expect(shown.get("P-waiting")).toBe("submitted");
    expect(shown.get("P-none")).toBe("not-started");

    const figures = await dashboardFigures(hr, await getContent(), {}, { locale: "en", timeZone: "UTC" });
    // Seven active people (HR too) × two modules with tasks.
    expect(figures.practice).toEqual({ "not-started": 9, draft: 1, submitted: 1, "in-review": 1, "changes-requested": 1, approved: 1 });
    const dashboard = (await run(() => dashboardRoute.loader(routeArgs(makeRequest("/hr/dashboard", { cookie: hrCookie })) as never)))
      .value as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(dashboard.figures.practice).toEqual(figures.practice);
    expect(dashboard.practice.lines.map((l) => l.term)).toContain("Submissions waiting for review");
  });

  it("ranks the states: all approved, else the learner's changes, then review, waiting, drafts", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const s = (taskSlug: string, state: "draft" | "submitted" | "changes-requested" | "approved", claim: Date | null = null) => ({
      taskSlug,
      state,
      claimExpiresAt: claim,
    });
    expect(practiceStatusOf(["a", "b"], [], now)).toEqual({ status: "not-started", tasksApproved: 0, tasksTotal: 2 });
    expect(practiceStatusOf(["a", "b"], [s("a", "approved"), s("b", "approved")], now).status).toBe("approved");
    expect(practiceStatusOf(["a", "b"], [s("a", "approved")], now).status).toBe("draft");
    expect(practiceStatusOf(["a", "b"], [s("a", "submitted", new Date(now.getTime() + 1)), s("b", "changes-requested")], now).status).toBe(
      "changes-requested",
    );
    expect(practiceStatusOf(["a", "b"], [s("a", "submitted", new Date(now.getTime() + 1)), s("b", "submitted")], now).status).toBe("in-review");
    expect(practiceStatusOf(["a", "b"], [s("a", "submitted", now), s("b", "draft")], now).status).toBe("submitted");
    expect(practiceStatusOf(["a"], [s("gone", "approved")], now)).toEqual({ status: "not-started", tasksApproved: 0, tasksTotal: 1 });
  });
});
