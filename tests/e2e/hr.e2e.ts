import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eEnabled, expectAccessible, launchBrowser, loginByCookie, newContext, screenshots, startServer, visit, type TestServer } from "./harness";

// HR's journey: import staff from a spreadsheet's CSV, assign a module to a branch, and the
// new staff member sees it (and, once the due date has passed, sees it as overdue).
describe.skipIf(!e2eEnabled)("HR: import, assign, overdue", () => {
  let server: TestServer;
  let browser: Browser;
  let branchId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const system = server.createOrgUnit("Kota Harapan Public Library");
    branchId = server.createOrgUnit("Riverside Branch", system);
    server.db.prepare("update org_units set code = ? where id = ?").run("KHPL-RIV", branchId);
    server.createOrgUnit("Hillside Branch", system);
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
    await server.createUser({ email: "admin@e2e.test", name: "Adi Admin", role: "admin" });
    await server.createUser({ email: "staff@e2e.test", name: "Sari Staff", role: "staff" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("imports staff, assigns a module to their branch, and they see it, overdue once the date has passed", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "hr@e2e.test");

    // Import: a semicolon file with a BOM, as Excel saves "CSV UTF-8" in an Indonesian locale.
    await visit(page, `${server.url}/hr/import`);
    const csv =
      '\uFEFFNama;Email;NIP;Cabang;Peran\r\n"Pratama; Agus";agus.pratama@e2e.test;S9001;KHPL-RIV;staf\r\nDewi Lestari;dewi.lestari@e2e.test;S9002;Hillside Branch;\r\n';
    await page.getByLabel("CSV file").setInputFiles({ name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "new," }).innerText()).toBe("2 new, 0 to update, 0 unchanged, 0 with problems.");
    await expect(page.getByRole("cell", { name: "Pratama; Agus" }).count()).resolves.toBe(1);
    await expectAccessible(page, "import preview");
    await screenshots(page, "hr-import-preview");
    await page.getByRole("button", { name: /Import now/ }).click();
    await page.getByRole("heading", { name: "Import done" }).waitFor();
    await expectAccessible(page, "import result");

    // The links download as CSV; the page keeps showing them.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the links (CSV)" }).click()]);
    const downloaded = fs.readFileSync((await download.path())!, "utf8");
    expect(downloaded).toContain("agus.pratama@e2e.test");
    expect(download.suggestedFilename()).toMatch(/^set-password-links-\d{4}-\d{2}-\d{2}\.csv$/);
    const agusLink = await page
      .getByRole("row", { name: /Pratama; Agus/ })
      .getByRole("link")
      .getAttribute("href");
    expect(agusLink).toMatch(/\/set-password\//);
    expect(downloaded).toContain(agusLink!);

    // Assign the quick module to the branch, due in two weeks.
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await visit(page, `${server.url}/hr/assignments`);
    await page.getByLabel("Module", { exact: true }).selectOption({ label: "Quick module" });
    await page.getByLabel("An org unit, with its sub-units").check();
    await page.getByLabel("Org unit", { exact: true }).selectOption(branchId);
    await page.getByLabel("Due date", { exact: true }).fill(due);
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "The module has been assigned." }).waitFor();
    const row = page.getByRole("row", { name: /Quick module/ });
    expect(await row.innerText()).toContain("Riverside Branch (with sub-units)");
    expect(await row.getByRole("cell").nth(3).innerText()).toBe("1");
    await expectAccessible(page, "assignments");
    await screenshots(page, "hr-assignments");
    await context.close();

    // The imported person chooses a password with the link and sees the assignment.
    const staffContext = await newContext(browser);
    const staffPage = await staffContext.newPage();
    await visit(staffPage, agusLink!);
    await staffPage.getByLabel("New password", { exact: true }).fill("a strong new password");
    await staffPage.getByLabel("Repeat the new password").fill("a strong new password");
    await Promise.all([staffPage.waitForURL(/\/learn$/), staffPage.getByRole("button", { name: "Save password and log in" }).click()]);
    await expectAccessible(staffPage, "my learning");
    const assigned = staffPage.locator("section", { has: staffPage.getByRole("heading", { name: "Assigned to you" }) });
    const card = assigned.locator("li.module-card", { hasText: "Quick module" });
    expect(await card.innerText()).toContain("Due ");
    expect(await card.innerText()).not.toContain("Overdue");

    // Once the due date has passed, the card says so.
    server.db.prepare("update assignments set due_date = ? where target_org_unit_id = ?").run("2020-01-31", branchId);
    await staffPage.reload();
    expect(await card.innerText()).toContain("Overdue");
    await expectAccessible(staffPage, "my learning, overdue");
    await staffContext.close();
  });

  it("works without JavaScript, and answers a spreadsheet or a 10 MB file with a clear message", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await loginByCookie(page, server, "hr@e2e.test");
    await visit(page, `${server.url}/hr/import`);
    const check = () => Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Check the file" }).click()]);
    await page.getByLabel("CSV file").setInputFiles({
      name: "staff.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]),
    });
    await check();
    expect(await page.getByRole("alert").innerText()).toContain("This is a spreadsheet file, not CSV.");
    await expectAccessible(page, "import error");

    const row = "someone@e2e.test,Some One,X1,KHPL-RIV,staff\n";
    const big = Buffer.from(`email,name,nip,unit,role\n${row.repeat(Math.ceil(10_500_000 / row.length))}`);
    await page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: big });
    await check();
    expect(await page.getByRole("alert").innerText()).toContain("The file is larger than 5 MB.");

    // Multi-line quoted values survive the round trip through the hidden field.
    await page.getByText("Or paste the rows instead").click();
    await page.getByLabel("CSV text, header line first").fill('name,email,unit\n"Budi\nSantoso",budi.nojs@e2e.test,Riverside Branch\n');
    await check();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: /Import now/ }).click()]);
    expect(await page.getByRole("status").filter({ hasText: "account(s) created" }).innerText()).toBe(
      "1 account(s) created, 0 updated, 0 unchanged.",
    );
    const created = server.db.prepare("select display_name as name from users where email = ?").get("budi.nojs@e2e.test") as { name: string };
    expect(created.name).toBe("Budi Santoso");
    await context.close();
  });

  it("lets an administrator manage org units and read the audit log", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "admin@e2e.test");
    await visit(page, `${server.url}/admin/org-units`);
    await page.getByLabel("Unit name").fill("Seaside Branch");
    await page.getByLabel("Code (optional)").fill("KHPL-SEA");
    await page.getByRole("button", { name: "Add unit" }).click();
    await page.getByRole("status").filter({ hasText: "The unit has been added." }).waitFor();
    await page.getByRole("link", { name: "Seaside Branch" }).click();
    await page.getByRole("heading", { name: "Change “Seaside Branch”" }).waitFor();
    await expectAccessible(page, "org units");
    await screenshots(page, "admin-org-units");
    await page.getByRole("button", { name: "Delete unit" }).click();
    await page.getByRole("status").filter({ hasText: "The unit has been deleted." }).waitFor();

    await visit(page, `${server.url}/admin/audit`);
    const text = await page.getByRole("table").innerText();
    expect(text).toContain("People imported");
    expect(text).toContain("2 created, 0 updated, 0 unchanged");
    expect(text).toContain("Module assigned");
    expect(text).toContain("Org unit deleted");
    await page.getByLabel("Action").selectOption({ label: "Module assigned" });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/action=assignment.create/);
    await page.getByRole("status").filter({ hasText: "Entries found: 1" }).waitFor();
    expect(await page.getByRole("table").innerText()).not.toContain("People imported");
    await expectAccessible(page, "audit log");
    await screenshots(page, "admin-audit");
    await context.close();
  });

  it("gives staff a 403 page on every HR and admin page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "staff@e2e.test");
    for (const path of ["/hr/import", "/hr/assignments", "/admin/org-units", "/admin/audit"]) {
      await visit(page, `${server.url}${path}`, { status: 403 });
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("You do not have access to this page");
    }
    await context.close();
  });

  it("shows what an import wrote when an account changed partway, then imports the rest from the same file", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "hr@e2e.test");
    await visit(page, `${server.url}/hr/import`);
    const lines = Array.from({ length: 150 }, (_, i) => `Batch Person ${i},batch.${i}@e2e.test,B${1000 + i}`);
    const file = Buffer.from(["name,email,staff number", ...lines].join("\n"));
    await page.getByLabel("CSV file").setInputFiles({ name: "batch.csv", mimeType: "text/csv", buffer: file });
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "new," }).innerText()).toBe("150 new, 0 to update, 0 unchanged, 0 with problems.");

    // While the first batch of 100 is written, someone else creates the person on line 122: the
    // trigger fires on the batch's audit record, its last write, inside its transaction.
    server.db.exec(
      `create trigger e2e_sneak_in after insert on audit_events when new.action = 'import.apply' begin insert or ignore into users (id, email, display_name, role, active, created_at, updated_at) values ('sneak-e2e', 'batch.120@e2e.test', 'Changed Meanwhile', 'staff', 1, 0, 0); end`,
    );
    try {
      await page.getByRole("button", { name: /Import now/ }).click();
      await page.getByRole("heading", { name: "Import stopped at line 102" }).waitFor();
    } finally {
      server.db.exec("drop trigger if exists e2e_sneak_in");
    }
    expect(await page.getByRole("alert").first().innerText()).toContain("100 account(s) were created and 0 updated from the rows before line 102.");
    expect(await page.getByRole("link", { name: /\/set-password\// }).count()).toBe(100);
    expect(await page.getByRole("status").filter({ hasText: "new," }).innerText()).toBe("49 new, 1 to update, 100 unchanged, 0 with problems.");
    await expectAccessible(page, "import stopped partway");

    await page.getByRole("button", { name: "Import now: 49 new, 1 updated" }).click();
    await page.getByRole("heading", { name: "Import done" }).waitFor();
    await page.getByText("49 account(s) created, 1 updated, 100 unchanged.").waitFor();
    const stored = server.db.prepare("select count(*) as n from users where email like 'batch.%@e2e.test'").get() as { n: number };
    expect(stored.n).toBe(150);
    const changed = server.db.prepare("select display_name as name, staff_number as nip from users where email = 'batch.120@e2e.test'").get();
    expect(changed).toEqual({ name: "Batch Person 120", nip: "B1120" });
    await context.close();
  });
});
