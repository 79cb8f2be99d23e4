import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  clickAndWait,
  e2eEnabled,
  expectAccessible,
  launchBrowser,
  loginByCookie,
  newContext,
  screenshots,
  startServer,
  visit,
  type TestServer,
} from "./harness";

// HR's journey through the training record: filter, sort, download the CSV and find a person
// in it; then the dashboard; and a trainer's quiz insight without names.
describe.skipIf(!e2eEnabled)("HR: training record, dashboard; trainer: quiz insight", () => {
  let server: TestServer;
  let browser: Browser;
  let riverside: string;
  const DAY = 86_400_000;
  const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const system = server.createOrgUnit("Kota Harapan Public Library");
    riverside = server.createOrgUnit("Riverside Branch", system);
    const hillside = server.createOrgUnit("Hillside Branch", system);
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
    await server.createUser({ email: "trainer@e2e.test", name: "Tari Trainer", role: "trainer" });
    const sari = await server.createUser({ email: "sari@e2e.test", name: "Sari Lestari", orgUnitId: riverside, staffNumber: "RIV-0007" });
    const budi = await server.createUser({ email: "budi@e2e.test", name: "Budi Santoso", orgUnitId: riverside, staffNumber: "RIV-0008" });
    await server.createUser({ email: "formula@e2e.test", name: '=HYPERLINK("http://x")', orgUnitId: riverside, staffNumber: "RIV-0009" });
    await server.createUser({ email: "dewi@e2e.test", name: "Dewi Hillside", orgUnitId: hillside, staffNumber: "HIL-0001" });
    const now = Date.now();
    // Sari has read the first lesson; Budi passed 20 days ago (an attempt and its certificate).
    server.db
      .prepare(
        "insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, completed_at, seconds_spent) values (?, 'quick-module', 'first-lesson', ?, ?, ?, 60)",
      )
      .run(sari, now - DAY, now - DAY, now - DAY);
    const passedAt = now - 20 * DAY;
    for (const lesson of ["first-lesson", "second-lesson"]) {
      server.db
        .prepare(
          "insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, completed_at, seconds_spent) values (?, 'quick-module', ?, ?, ?, ?, 60)",
        )
        .run(budi, lesson, passedAt, passedAt, passedAt);
    }
    const attemptId = randomBytes(12).toString("base64url");
    const draw = JSON.stringify(["conversation", "good-post", "consistency"].map((questionId) => ({ questionId, optionOrder: [0, 1, 2] })));
    const { major, hash } = { major: 1, hash: "e2e" };
    server.db
      .prepare(
        `insert into quiz_attempts (id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, draw, answers, score, passed, started_at, submitted_at)
         values (?, ?, 'quick-module', 1, ?, ?, ?, ?, 100, 1, ?, ?)`,
      )
      .run(
        attemptId,
        budi,
        major,
        hash,
        draw,
        JSON.stringify({ conversation: [0], "good-post": [0, 1], consistency: [0] }),
        passedAt,
        passedAt + 60_000,
      );
    server.db
      .prepare(
        `insert into certificates (id, code, user_id, attempt_id, module_slug, module_major_version, module_content_hash, module_title, holder_name, staff_number, locale, score, issued_at, expires_at)
         values (?, 'E2E1-E2E2-E2E3-E2E4', ?, ?, 'quick-module', ?, ?, 'Quick module', 'Budi Santoso', 'RIV-0008', 'en', 100, ?, ?)`,
      )
      .run(randomBytes(12).toString("base64url"), budi, attemptId, major, hash, passedAt + 60_000, passedAt + 365 * DAY);
    // The quick module is due for Riverside since yesterday: overdue for everyone there who has not passed.
    server.db
      .prepare(
        "insert into assignments (id, module_slug, target_type, target_org_unit_id, due_date, created_at) values (?, 'quick-module', 'org_unit', ?, ?, ?)",
      )
      .run(randomBytes(12).toString("base64url"), riverside, yesterday, now);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("filters, sorts and downloads the training record, then reads the dashboard", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "hr@e2e.test");

    await clickAndWait(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training record" }));
    expect(new URL(page.url()).pathname).toBe("/hr/report");
    await expectAccessible(page, "training record");

    // Filter: Riverside, quick module.
    await page.getByLabel("Org unit (with its sub-units)").selectOption(riverside);
    await page.getByLabel("Module", { exact: true }).selectOption({ label: "Quick module" });
    await clickAndWait(page, page.getByRole("button", { name: "Apply" }));
    const url = new URL(page.url());
    expect(url.searchParams.get("module")).toBe("quick-module");
    expect(url.searchParams.get("orgUnit")).toBe(riverside);
    const totals = page.locator("dl.report-totals");
    // (With JavaScript the new data may render a moment after the URL changes.)
    await expect.poll(() => totals.innerText()).toMatch(/Rows \(person × module\)\s+3/);
    expect(await totals.innerText()).toMatch(/Overdue\s+2/);
    const table = page.getByRole("region", { name: /Training record, page 1 of 1/ });
    expect(await table.getByRole("row").count()).toBe(4);
    expect(await table.getByText("Dewi Hillside").count()).toBe(0);
    // Practical tasks and this year's lesson hours (JP) have columns; nobody here has earned any hours yet.
    expect(await table.getByRole("columnheader", { name: "Practical tasks" }).count()).toBe(1);
    expect(await table.getByRole("columnheader", { name: /^JP \d{4}$/ }).count()).toBe(1);
    expect(await table.getByRole("row", { name: /Sari Lestari/ }).innerText()).toContain("Under target");
    expect(await page.getByLabel("Year for lesson hours").inputValue()).toMatch(/^\d{4}$/);
    await expectAccessible(page, "filtered training record");

    // Sort by best score, highest first: Budi's 100 leads; the header says how it is sorted.
    await clickAndWait(page, page.getByRole("link", { name: /^Best score \(%\)/ }));
    expect(new URL(page.url()).searchParams.get("sort")).toBe("score");
    await expect.poll(() => page.getByRole("columnheader", { name: /Best score/ }).getAttribute("aria-sort")).toBe("descending");
    const firstRow = table.getByRole("row").nth(1);
    expect(await firstRow.innerText()).toContain("Budi Santoso");
    expect(await firstRow.innerText()).toContain("E2E1-E2E2-E2E3-E2E4");
    // Again: lowest first, empty scores still last.
    await clickAndWait(page, page.getByRole("link", { name: /^Best score \(%\)/ }));
    await expect.poll(() => page.getByRole("columnheader", { name: /Best score/ }).getAttribute("aria-sort")).toBe("ascending");
    await screenshots(page, "hr-report");

    // The CSV holds the filtered rows, with Sari's row as the page shows it.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^training-record-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Staff number,Name,Email,Org unit,/);
    const sari = lines.find((l) => l.startsWith("RIV-0007,"))!;
    expect(sari).toContain("Sari Lestari,sari@e2e.test,Riverside Branch,Staff,Active,Quick module");
    expect(sari).toContain(",In progress,1,2,0,,");
    expect(sari).toContain(`,${yesterday},Yes`);
    expect(lines.find((l) => l.startsWith("RIV-0009,"))).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines.some((l) => l.includes("Dewi Hillside"))).toBe(false);

    // The XLSX link carries the same filters (not the sort: downloads come in name order).
    const xlsxHref = new URL((await page.getByRole("link", { name: "Download Excel (XLSX)" }).getAttribute("href"))!, server.url);
    expect(xlsxHref.pathname).toBe("/hr/report.xlsx");
    const filters = new URL(page.url()).searchParams;
    for (const key of ["sort", "dir", "page"]) filters.delete(key);
    expect(Object.fromEntries(xlsxHref.searchParams)).toEqual(Object.fromEntries(filters));

    // The dashboard: figures link to the report, charts have tables.
    await clickAndWait(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }));
    expect(new URL(page.url()).pathname).toBe("/hr/dashboard");
    await expectAccessible(page, "dashboard");
    expect(await page.getByRole("heading", { name: /^Lesson hours in \d{4}$/ }).count()).toBe(1);
    expect(await page.locator("dl.hours-figures").innerText()).toMatch(/Under target\s+6/);
    expect(await page.locator("dl.practice-rows").innerText()).toMatch(/Not started\s+0/);
    const overdue = page
      .getByRole("definition")
      .filter({ has: page.getByRole("link") })
      .nth(2);
    expect(await overdue.innerText()).toBe("2");
    const chart = page.getByRole("img", { name: "Completion rate by module" });
    expect(await chart.count()).toBe(1);
    await page.getByText("Show the figures as a table").first().click();
    const moduleTable = page.getByRole("table", { name: "Completion rate by module" });
    expect(await moduleTable.getByRole("row", { name: /Quick module/ }).innerText()).toMatch(/Quick module\s+6\s+1\s+17%/);
    await expectAccessible(page, "dashboard with a table open");
    await screenshots(page, "hr-dashboard");
    await clickAndWait(page, page.getByRole("link", { name: "2", exact: true }).first());
    expect(new URL(page.url()).searchParams.get("overdue")).toBe("1");
    await expect.poll(() => page.locator("dl.report-totals").innerText()).toMatch(/Rows \(person × module\)\s+2/);
    await context.close();
  });

  it("shows a trainer the quiz insight without names, and refuses them the HR report", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "trainer@e2e.test");
    await clickAndWait(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quiz insight" }));
    await expectAccessible(page, "quiz insight");
    const row = page.getByRole("row", { name: /Quick module/ }).first();
    expect(await row.innerText()).toMatch(/Quick module\s+2\s+1\s+1\s+100%/);
    expect(await page.getByText("What is social media for a library?").count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain("Budi Santoso");
    await screenshots(page, "trainer-insight");
    await visit(page, `${server.url}/hr/report`, { status: 403 });
    await context.close();
  });
});
