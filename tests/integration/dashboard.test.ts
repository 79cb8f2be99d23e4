// The dashboard shows no number the report would not: every figure equals the row count of
// the training record with the filters of the figure's link.
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { assignments } from "~/db/schema";
import { addDays } from "~/utils/dates";
import type { DashboardFigures } from "~/reports/dashboard.server";
import { todayIn } from "~/utils/dates";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { markLessonComplete } from "~/learning/progress.server";
import { resolveFilters, trainingRecordRows } from "~/reports/training-record.server";
import * as dashboardRoute from "~/routes/hr.dashboard";
import * as reportRoute from "~/routes/hr.report";
import { parseReportQuery, reportSearch, type ReportQuery } from "~/schemas/reports";
import { newId } from "~/utils/ids.server";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";
import { collect } from "../setup/collect";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const DAY = 86_400_000;
const today = todayIn("UTC", clockNow());

let hrCookie: string;
let hr: TestUser;
let system: Awaited<ReturnType<typeof createOrgUnit>>;
let branch: Awaited<ReturnType<typeof createOrgUnit>>;
/** How many days before now each planned pass happened. */
let passDays: number[] = [];

async function pass(user: TestUser, slug: string, daysAgo: number) {
  const when = new Date(clockNow().getTime() - daysAgo * DAY);
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod, when);
  const started = await startAttempt(user, mod, when);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", when);
  if (!result.ok || !result.passed) throw new Error("expected a pass");
}

beforeAll(async () => {
  hr = await createTestUser({ role: "hr" });
  hrCookie = await sessionCookie(hr.id);
  system = await createOrgUnit("Dash System");
  branch = await createOrgUnit("Dash Branch", system.id);
  const other = await createOrgUnit("Other Library");
  const quick = await moduleBySlug("quick-module");
  // Passes spread over time: this month, about 2 and 4 months ago, 13 months ago (expired
  // since), and about 11 months ago (expiring within 30 days) and 10 months ago (within 90).
  const plan: [string | null, number | null, string][] = [
    [branch.id, 0, "quick-module"],
    [branch.id, 60, "quick-module"],
    [system.id, 120, "limited-module"],
    [branch.id, 395, "quick-module"],
    [other.id, 345, "quick-module"],
    [other.id, 300, "quick-module"],
    [null, 30, "limited-module"],
    [branch.id, null, "quick-module"],
    [system.id, null, "limited-module"],
  ];
  passDays = plan.flatMap(([, daysAgo]) => (daysAgo === null ? [] : [daysAgo]));
  for (const [unit, daysAgo, slug] of plan) {
    const user = await createTestUser({ orgUnitId: unit });
    if (daysAgo !== null) await pass(user, slug, daysAgo);
    else await markLessonComplete(user.id, slug, (slug === "quick-module" ? quick : await moduleBySlug(slug)).lessons[0]!.slug, 5);
  }
  await createTestUser({ orgUnitId: branch.id, active: false });
  await getDb()
    .insert(assignments)
    .values({
      id: newId(),
      moduleSlug: "quick-module",
      targetType: "org_unit",
      targetOrgUnitId: system.id,
      dueDate: addDays(today, -3),
      createdAt: clockNow(),
    });
});

async function dashboard(search = "") {
  const { value } = await run(() => dashboardRoute.loader(routeArgs(makeRequest(`/hr/dashboard${search}`, { cookie: hrCookie })) as never));
  return unwrap(value).data as { figures: DashboardFigures; query: ReportQuery };
}

/** The report's row count for the link a figure points to. */
async function reportCount(query: Partial<ReportQuery>) {
  const { value } = await run(() => reportRoute.loader(routeArgs(makeRequest(`/hr/report?${reportSearch(query)}`, { cookie: hrCookie })) as never));
  return (unwrap(value).data as { totals: { rows: number } }).totals.rows;
}

async function checkAgainstReport(search: string) {
  const { figures, query } = await dashboard(search);
  const link = (extra: Partial<ReportQuery>) => reportCount({ ...query, ...extra });
  expect(figures.totals.rows).toBe(await link({}));
  expect(figures.totals.passed).toBe(await link({ status: "passed" }));
  expect(figures.totals.overdue).toBe(await link({ overdue: "1" }));
  for (const m of figures.byModule) {
    expect(m.rows, m.slug).toBe(await link({ module: m.slug }));
    expect(m.passed, m.slug).toBe(await link({ module: m.slug, status: "passed" }));
    expect(m.rate).toBe(m.rows === 0 ? null : m.passed / m.rows);
  }
  for (const u of figures.byUnit.filter((u) => u.id)) {
    expect(u.rows, u.name!).toBe(await link({ orgUnit: u.id! }));
    expect(u.passed, u.name!).toBe(await link({ orgUnit: u.id!, status: "passed" }));
  }
  for (const month of figures.months) expect(month.completions, month.month).toBe(await link({ passedFrom: month.from, passedTo: month.to }));
  for (const w of figures.expiring) expect(w.count, `${w.days} days`).toBe(await link({ expiresFrom: w.from, expiresTo: w.to }));
  return figures;
}

describe("the dashboard", () => {
  it("shows exactly the counts the report gives for each figure's filters", async () => {
    const figures = await checkAgainstReport("");
    expect(figures.totals.rows).toBeGreaterThan(0);
    expect(figures.months).toHaveLength(12);
    expect(figures.months.at(-1)!.month).toBe(today.slice(0, 7));
    // The window starts on the 1st of the month 11 months back, so whether the pass 345 days
    // ago is in it depends on the day of the month: count the planned passes from its start.
    const windowStart = figures.months[0]!.from;
    const inWindow = passDays.filter((daysAgo) => addDays(today, -daysAgo) >= windowStart).length;
    expect(inWindow).toBeGreaterThanOrEqual(5);
    expect(figures.months.reduce((n, m) => n + m.completions, 0)).toBe(inWindow);
    expect(figures.expiring.map((w) => w.days)).toEqual([30, 60, 90]);
    expect(figures.expiring[0]!.count).toBe(1);
    expect(figures.expiring[2]!.count).toBe(2);
    // Quick module is due for the system and its branch: all four there who have not passed it (one expired).
    expect(figures.totals.overdue).toBe(4);
  });

  it("matches the report with filters too (org unit, module, everyone)", async () => {
    const figures = await checkAgainstReport(`?orgUnit=${system.id}`);
    // The system counts its branch: its row count is the sum over its people in both units.
    expect(figures.byUnit.map((u) => u.name)).toEqual(["Dash System", "Dash Branch"]);
    const [sys, br] = figures.byUnit;
    expect(sys!.rows).toBeGreaterThan(br!.rows);
    await checkAgainstReport(`?module=quick-module&people=all`);
    await checkAgainstReport(`?assigned=1`);
  });

  it("counts from the same rows and statuses as the report (computed directly)", async () => {
    const content = await getContent();
    const { figures } = await dashboard("");
    const { filters } = await resolveFilters(parseReportQuery(new URLSearchParams()).query, content);
    const rows = await collect(trainingRecordRows(hr, content, filters, { locale: "en", timeZone: "UTC" }));
    expect(figures.totals.rows).toBe(rows.length);
    expect(figures.totals.passed).toBe(rows.filter((r) => r.status === "passed").length);
    for (const m of figures.byModule) expect(m.passed).toBe(rows.filter((r) => r.moduleSlug === m.slug && r.status === "passed").length);
    const none = figures.byUnit.find((u) => u.id === null)!;
    expect(none.rows).toBe(rows.filter((r) => r.orgUnitId === null).length);
  });

  it("draws each chart as an image with a title and description, with the figures in a table", async () => {
    const { renderToString } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { BarChart } = await import("~/components/charts/bar-chart");
    const { ColumnChart } = await import("~/components/charts/column-chart");
    const bar = renderToString(
      createElement(BarChart, { id: "b", title: "Rates", desc: "Two bars", items: [{ label: "Quick module", share: 0.5, valueText: "50%" }] }),
    );
    expect(bar).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="b-title b-desc"/);
    expect(bar).toContain('<title id="b-title">Rates</title>');
    expect(bar).toContain('<desc id="b-desc">Two bars</desc>');
    const col = renderToString(
      createElement(ColumnChart, { id: "c", title: "Per month", desc: "12 months", items: [{ label: "Jan", value: 3, valueText: "3" }] }),
    );
    expect(col).toMatch(/role="img"/);
    expect(col).toContain(">3<");
  });
});
