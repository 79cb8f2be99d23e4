import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ROOT } from "./paths";
import {
  clickAndWait,
  e2eEnabled,
  expectAccessible,
  launchBrowser,
  login,
  newContext,
  screenshots,
  startServer,
  visit,
  type TestServer,
} from "./harness";

const PRACTICE_CONTENT = path.join(ROOT, "tests/fixtures/practice-content");
const WORK = "We write for parents, students and retired readers. Our tone: warm, plain and curious.";

function addMentor(server: TestServer, mentorId: string, organisation: string, moduleSlug: string) {
  const orgId = randomBytes(8).toString("hex");
  const now = Date.now();
  server.db.prepare("insert into partner_organisations (id, name, created_at) values (?, ?, ?)").run(orgId, organisation, now);
  server.db.prepare("insert into mentor_profiles (user_id, partner_organisation_id, created_at) values (?, ?, ?)").run(mentorId, orgId, now);
  server.db
    .prepare("insert into mentor_assignments (id, mentor_id, module_slug, org_unit_id, created_at) values (?, ?, ?, null, ?)")
    .run(randomBytes(8).toString("hex"), mentorId, moduleSlug, now);
}

async function passQuiz(page: Page, url: string) {
  await visit(page, `${url}/learn/practice-module/voice`);
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  await visit(page, `${url}/learn/practice-module/quiz`);
  await clickAndWait(page, page.getByRole("button", { name: "Start the quiz" }));
  await page.getByLabel("True", { exact: true }).check();
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  await page.getByRole("status").filter({ hasText: "You passed!" }).waitFor();
}

async function review(page: Page, url: string, learner: string, decision: "Approve" | "Request changes", levels: [number, number]) {
  await visit(page, `${url}/review`);
  await clickAndWait(page, page.getByRole("row", { name: new RegExp(learner) }).getByRole("link"));
  await expectAccessible(page);
  await clickAndWait(page, page.getByRole("button", { name: "Start reviewing" }));
  await page
    .getByRole("group", { name: "Knows the audience" })
    .getByLabel(new RegExp(`^Level ${levels[0]}`))
    .check();
  await page.getByLabel("Comment on Knows the audience").fill("Names parents and students clearly.");
  await page
    .getByRole("group", { name: "Tone" })
    .getByLabel(new RegExp(`^Level ${levels[1]}`))
    .check();
  await page.getByLabel("Comment on Tone").fill(decision === "Approve" ? "Examples make the tone concrete." : "Add an example post.");
  await page.getByLabel("Overall comment").fill(decision === "Approve" ? "Ready to use." : "Nearly there: add examples.");
  await page.getByLabel(decision, { exact: true }).check();
  await expectAccessible(page);
  await clickAndWait(page, page.getByRole("button", { name: "Record the decision" }));
  expect(new URL(page.url()).pathname).toBe("/review");
  await page.getByRole("status").filter({ hasText: "The decision is recorded." }).first().waitFor();
}

describe.skipIf(!e2eEnabled)("practice: hand in, review, resubmit, certificate", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ contentDir: PRACTICE_CONTENT }), launchBrowser()]);
    const unit = server.createOrgUnit("Cabang Utara");
    await server.createUser({ email: "rina@e2e.test", name: "Rina Staff", orgUnitId: unit });
    await server.createUser({ email: "budi@e2e.test", name: "Budi Staff", orgUnitId: unit });
    const mentor = await server.createUser({ email: "mentor@e2e.test", name: "Mira Mentor", role: "mentor" });
    addMentor(server, mentor, "Regency communication office", "practice-module");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const javaScriptEnabled of [true, false]) {
    const email = javaScriptEnabled ? "rina@e2e.test" : "budi@e2e.test";
    const name = javaScriptEnabled ? "Rina Staff" : "Budi Staff";
    it(`staff hands in, a mentor requests changes, staff resubmits, the mentor approves (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const staff = await (await newContext(browser, { javaScriptEnabled, width: javaScriptEnabled ? 1280 : 390 })).newPage();
      await login(staff, server.url, email);
      await passQuiz(staff, server.url);
      // The quiz alone does not complete a module that also needs its task.
      await visit(staff, `${server.url}/certificates`);
      expect(await staff.locator("main").innerText()).not.toContain("Practice module");

      await visit(staff, `${server.url}/learn/practice-module`);
      await clickAndWait(staff, staff.getByRole("link", { name: "Write your library's voice guide" }));
      await expectAccessible(staff);
      await staff.getByLabel("Your text").fill(WORK);
      await clickAndWait(staff, staff.getByRole("button", { name: "Hand in for review" }));
      await staff.getByRole("status").filter({ hasText: "Handed in" }).waitFor();
      expect(await staff.locator(".badge").first().innerText()).toBe("Submitted");
      await expectAccessible(staff);
      if (javaScriptEnabled) await screenshots(staff, "practice-task-submitted");

      const mentor = await (await newContext(browser, { javaScriptEnabled })).newPage();
      await login(mentor, server.url, "mentor@e2e.test");
      expect(new URL(mentor.url()).pathname).toBe("/review");
      await review(mentor, server.url, name, "Request changes", [2, 1]);

      await visit(staff, `${server.url}/learn/practice-module/tasks/voice-guide`);
      expect(await staff.locator(".badge").first().innerText()).toBe("Changes requested");
      // The feedback is the first section of the page, above the task's instructions (folded away
      // once work has been handed in, so the work comes first on a phone).
      const sections = await staff.locator("main h2").allInnerTexts();
      expect(sections[0]).toBe("Feedback on version 1");
      expect(await staff.locator("main details.task-instructions > summary").innerText()).toBe("Instructions");
      const taskText = await staff.locator("main").innerText();
      expect(taskText.indexOf("Nearly there: add examples.")).toBeLessThan(taskText.indexOf("Instructions"));
      expect(await staff.locator("main").innerText()).toContain("Add an example post.");
      expect(await staff.locator("main").innerText()).toContain("Mira Mentor (Regency communication office)");
      await staff.getByLabel("Your text").fill(`${WORK} Example: "Good morning, readers! New picture books are in."`);
      await clickAndWait(staff, staff.getByRole("button", { name: "Hand in for review" }));
      await staff.getByRole("status").filter({ hasText: "Handed in" }).waitFor();
      expect(await staff.getByRole("heading", { name: /^Version \d/ }).count()).toBe(2);

      await review(mentor, server.url, name, "Approve", [3, 2]);
      if (javaScriptEnabled) await screenshots(mentor, "practice-review-queue");

      await visit(staff, `${server.url}/certificates`);
      const row = staff.getByRole("row", { name: /Practice module/ });
      const code = (await row.locator("code").innerText()).trim();
      const visitor = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
      await visit(visitor, `${server.url}/verify/${code}`);
      const main = await visitor.locator("main").innerText();
      expect(main).toContain("How it was earned");
      expect(main).toContain(
        "Practical task “Write your library's voice guide”: reviewed by a mentor, Mira Mentor (Regency communication office), and approved on",
      );
      expect(main).not.toMatch(/rubric/i);
      for (const p of [staff, mentor, visitor]) await p.context().close();
      // Each journey is long (three people, two rounds, axe on every page): a loaded 2-core machine needs the room.
    }, 300_000);
  }
});
