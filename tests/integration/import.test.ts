import fs from "node:fs";
import path from "node:path";
import { eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { auditEvents, orgUnits, passwordTokens, users } from "~/db/schema";
import { consumeSetPasswordLink } from "~/account/password.server";
import { findPasswordTokenUser } from "~/auth/password-tokens.server";
import { applyImport, decodeCsvBytes, detectDelimiter, IMPORT_BATCH, planImport, previewImport, type PreviewRow } from "~/people/import.server";
import * as importRoute from "~/routes/hr.import";
import * as linksRoute from "~/routes/hr.import.links[.]csv";
import { ROOT } from "../setup/paths";
import { createTestUser, makeRequest, ORIGIN, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { setImmediate } from "node:timers/promises";
import { clockNow, setClockSleep } from "~/utils/clock.server";

const FIXTURES = path.join(ROOT, "tests/fixtures/import");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const text = (name: string) => decodeCsvBytes(new Uint8Array(fixture(name)));

type Hr = Awaited<ReturnType<typeof createTestUser>>;
let hr: Hr;
let admin: Hr;
let hrCookie: string;

async function unit(name: string, code: string | null, parentId: string | null = null) {
  const row = { id: `unit-${name.replace(/\W/g, "")}`, name, code, parentId, createdAt: clockNow() };
  await getDb().insert(orgUnits).values(row);
  return row;
}

beforeAll(async () => {
  const system = await unit("Kota Harapan Public Library", "KHPL");
  await unit("Central Library", null, system.id);
  await unit("Riverside Branch", "KHPL-RIV", system.id);
  await unit("Hillside Branch", "KHPL-HIL", system.id);
  hr = await createTestUser({ role: "hr" });
  admin = await createTestUser({ role: "admin" });
  hrCookie = await sessionCookie(hr.id);
});

const byLine = (rows: PreviewRow[]) => Object.fromEntries(rows.map((r) => [r.line, r]));
const problemsOf = (r: PreviewRow | undefined) => r?.problems.map((p) => `${p.field}:${p.message}`) ?? [];
const countUsers = async () =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(users)
  )[0]!.n;

const countUsersLike = async (pattern: string) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(like(users.email, pattern))
  )[0]!.n;

type Uploaded = {
  kind: string;
  problem?: { message: string };
  preview: { counts: Record<string, number>; rows: PreviewRow[]; apply: { csv: string; hash: string; digest: string } | null };
};

/** An upload as the browser sends it: multipart with the file, from this site. */
function uploadRequest(cookie: string, file: { name: string; bytes: Uint8Array | Buffer } | null, csvText?: string) {
  const form = new FormData();
  form.set("intent", "preview");
  if (file) form.set("file", new File([new Uint8Array(file.bytes)], file.name, { type: "text/csv" }));
  else form.set("file", new File([], "", { type: "application/octet-stream" }));
  if (csvText !== undefined) form.set("csvText", csvText);
  return new Request(`${ORIGIN}/hr/import`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN } });
}

async function upload(cookie: string, name: string, bytes?: Uint8Array | Buffer) {
  const { value } = await run(() => importRoute.action(routeArgs(uploadRequest(cookie, { name, bytes: bytes ?? fixture(name) })) as never));
  return unwrap(value) as { status: number; data: Uploaded };
}

describe("reading the file", () => {
  it("reads a UTF-8 file with BOM and CRLF, comma separated, header variants and all", async () => {
    expect(fixture("bom-comma-crlf.csv").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fixture("bom-comma-crlf.csv").toString("utf8")).toContain("\r\n");
    const decoded = text("bom-comma-crlf.csv");
    expect(decoded.ok).toBe(true);
    const plan = await planImport(hr, decoded.ok ? decoded.text : "");
    expect(plan.fileProblems).toEqual([]);
    expect(plan.delimiter).toBe(",");
    expect(plan.columns.map((c) => c.field)).toEqual(["name", "email", "staffNumber", "orgUnit", "role"]);
    const rows = byLine(plan.rows);
    expect(Object.keys(rows).map(Number)).toEqual([2, 3, 4]);
    expect(rows[2]).toMatchObject({
      action: "create",
      email: "siti.rahmawati@library.test",
      name: "Siti Rahmawati",
      orgUnit: "Riverside Branch",
      role: "staff",
    });
    expect(rows[3]).toMatchObject({ action: "create", name: "Nguyễn Thị Ánh", orgUnit: "Hillside Branch", role: "staff" });
    // Emails are lower-cased; a unit is found by name regardless of case; an empty role means staff.
    expect(rows[4]).toMatchObject({ action: "create", email: "budi.santoso@library.test", orgUnit: "Riverside Branch", role: "staff" });
    expect(plan.ok).toBe(true);
  });

  it("detects semicolons and reads quoted values with separators, doubled quotes and line breaks", async () => {
    const decoded = text("semicolon-quotes.csv");
    const plan = await planImport(hr, decoded.ok ? decoded.text : "");
    expect(plan.fileProblems).toEqual([]);
    expect(plan.delimiter).toBe(";");
    // The record with a line break inside a quoted note starts on line 2 and ends on line 3.
    expect(plan.rows.map((r) => r.line)).toEqual([2, 4, 5, 7]);
    const rows = byLine(plan.rows);
    expect(rows[2]!.name).toBe("Santoso; Budi");
    expect(rows[4]!.name).toBe('Dewi "Dee" Lestari');
    expect(rows[5]!.name).toBe("Rina Wijaya");
    expect(rows[5]!.orgUnit).toBe("Central Library");
    expect(rows[7]!.email).toBe("agus@library.test");
    expect(plan.rows.every((r) => r.action === "create")).toBe(true);
    // "Catatan" is not a column the import knows: it is reported as ignored.
    expect(plan.columns.at(-1)).toEqual({ header: "Catatan", field: null });
  });

  it("reports every problem row with its line, field and reason, and skips blank lines", async () => {
    const decoded = text("problems.csv");
    const plan = await planImport(hr, decoded.ok ? decoded.text : "");
    const rows = byLine(plan.rows);
    expect(Object.keys(rows).map(Number)).toEqual([2, 4, 5, 7, 8, 9, 10, 11, 13]);
    expect(rows[2]!.action).toBe("create");
    expect(problemsOf(rows[4])).toEqual(["email:import.badEmail"]);
    expect(problemsOf(rows[5])).toEqual(["email:import.duplicateEmail"]);
    expect(rows[5]!.problems[0]!.vars).toEqual({ line: 2 });
    expect(problemsOf(rows[7])).toEqual(["orgUnit:import.unknownUnit"]);
    expect(rows[7]!.problems[0]!.vars).toEqual({ value: "Atlantis Branch" });
    expect(problemsOf(rows[8])).toEqual(["role:import.unknownRole"]);
    expect(problemsOf(rows[9])).toEqual(["name:import.missingName"]);
    expect(problemsOf(rows[10])).toEqual(["staffNumber:import.duplicateStaffNumber"]);
    expect(rows[10]!.problems[0]!.vars).toEqual({ line: 2 });
    expect(problemsOf(rows[11])).toEqual(["role:import.roleNotAllowed"]);
    expect(rows[13]!.action).toBe("create");
    expect(plan.counts).toMatchObject({ create: 2, error: 7 });
    // Lines 3 and 12 are empty, line 6 has only separators.
    expect(plan.counts.blank).toBe(3);
    expect(plan.ok).toBe(false);
    // An administrator may import an administrator account.
    const asAdmin = byLine((await planImport(admin, decoded.ok ? decoded.text : "")).rows);
    expect(asAdmin[11]).toMatchObject({ action: "create", role: "admin" });
  });

  it("says a Windows-encoded file is not UTF-8, with the line of the first bad character", () => {
    const decoded = text("excel-windows-1252.csv");
    expect(decoded).toEqual({ ok: false, problem: { message: "import.notUtf8", vars: { line: 3 } } });
  });

  it("points at the line where an unclosed quote starts", async () => {
    const decoded = text("unclosed-quote.csv");
    const plan = await planImport(hr, decoded.ok ? decoded.text : "");
    expect(plan.fileProblems).toEqual([{ message: "import.unclosedQuote", vars: { line: 3 } }]);
    expect(plan.rows).toEqual([]);
  });

  it("refuses a file without a header line, empty files and spreadsheets", async () => {
    const decoded = text("no-header.csv");
    const plan = await planImport(hr, decoded.ok ? decoded.text : "");
    expect(plan.fileProblems.map((p) => p.message)).toEqual(["import.missingEmailColumn", "import.missingNameColumn"]);
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: false, problem: { message: "import.emptyFile" } });
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({
      ok: false,
      problem: { message: "import.spreadsheetFile" },
    });
    expect((await planImport(hr, "\n\n  \n")).fileProblems).toEqual([{ message: "import.emptyFile" }]);
    expect((await planImport(hr, "email,name\n\n")).fileProblems).toEqual([{ message: "import.noRows" }]);
  });

  it("detects the separator from the header line only", () => {
    expect(detectDelimiter('name;email;"unit, with comma"\na,b,c,d,e\n')).toBe(";");
    expect(detectDelimiter("name,email\n")).toBe(",");
    expect(detectDelimiter("name\temail\n")).toBe("\t");
  });

  it("reads UTF-16 as Excel's Unicode text saves it", async () => {
    const body = "name\temail\nSiti\tsiti16@library.test\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(body, "utf16le")]);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.ok).toBe(true);
    expect((await planImport(hr, decoded.ok ? decoded.text : "")).rows[0]).toMatchObject({ line: 2, email: "siti16@library.test", action: "create" });
  });
});

describe("existing accounts", () => {
  it("updates changed people, leaves others unchanged, and keeps values where a cell is empty", async () => {
    const riverside = (await getDb().select().from(orgUnits).where(eq(orgUnits.code, "KHPL-RIV")))[0]!;
    const same = await createTestUser({ email: "same.person@library.test", displayName: "Same Person", staffNumber: "E1", orgUnitId: riverside.id });
    await createTestUser({ email: "moving.person@library.test", displayName: "Moving Person", staffNumber: "E2", orgUnitId: riverside.id });
    const trainer = await createTestUser({ email: "a.trainer@library.test", role: "trainer", staffNumber: "E3" });
    const csv = [
      "email,name,staff number,unit",
      "same.person@library.test,Same Person,,",
      "moving.person@library.test,Moving Person,E2,KHPL-HIL",
      `${trainer.email},Trainer Renamed,E3,`,
    ].join("\n");
    const rows = byLine((await planImport(hr, csv)).rows);
    expect(rows[2]).toMatchObject({ action: "unchanged", changes: [] });
    expect(rows[3]).toMatchObject({ action: "update", changes: ["orgUnit"] });
    // HR manages staff accounts only.
    expect(problemsOf(rows[4])).toEqual(["email:import.notStaffAccount"]);
    expect(byLine((await planImport(admin, csv)).rows)[4]).toMatchObject({ action: "update", changes: ["name"] });
    expect(same.staffNumber).toBe("E1");
  });

  it("refuses a staff number that belongs to someone else", async () => {
    await createTestUser({ email: "holder@library.test", staffNumber: "HOLD-1" });
    const plan = await planImport(hr, "email,name,nip\nnewcomer@library.test,New Comer,HOLD-1\n");
    expect(problemsOf(plan.rows[0])).toEqual(["staffNumber:import.staffNumberTaken"]);
  });

  it("is refused to staff and trainers", async () => {
    const staff = await createTestUser();
    await expect(planImport(staff, "email,name\na@b.test,A\n")).rejects.toThrow();
  });
});

describe("applying", () => {
  const good = [
    "email,name,staff number,unit",
    "apply.one@library.test,Apply One,AP1,KHPL-RIV",
    "apply.two@library.test,Apply Two,AP2,KHPL-HIL",
    "apply.three@library.test,Apply Three,AP3,Central Library",
  ].join("\n");

  it("writes nothing when a row became invalid between the preview and the apply", async () => {
    const preview = await previewImport(hr, good);
    expect(preview.ok).toBe(true);
    // Meanwhile someone takes row 3's staff number.
    await createTestUser({ email: "sneaky@library.test", staffNumber: "AP2" });
    const before = await countUsers();
    const tokensBefore = (
      await getDb()
        .select({ n: sql<number>`count(*)` })
        .from(passwordTokens)
    )[0]!.n;
    const result = await applyImport(hr, { text: preview.text, hash: preview.hash, digest: preview.digest });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("invalid");
      expect(problemsOf(byLine(result.plan.rows)[3])).toEqual(["staffNumber:import.staffNumberTaken"]);
    }
    expect(await countUsers()).toBe(before);
    expect((await getDb().select().from(users).where(eq(users.email, "apply.one@library.test")))[0]).toBeUndefined();
    expect(
      (
        await getDb()
          .select({ n: sql<number>`count(*)` })
          .from(passwordTokens)
      )[0]!.n,
    ).toBe(tokensBefore);
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.action, "import.apply"))).toEqual([]);
  });

  it("writes nothing when a row's outcome changed since the preview", async () => {
    const csv = "email,name\nraced@library.test,Raced Person\nother.raced@library.test,Other Person\n";
    const preview = await previewImport(hr, csv);
    await createTestUser({ email: "raced@library.test", displayName: "Raced Person" });
    const before = await countUsers();
    const result = await applyImport(hr, { text: csv, hash: preview.hash, digest: preview.digest });
    expect(result).toMatchObject({ ok: false, reason: "changed" });
    expect(await countUsers()).toBe(before);
  });

  it("refuses text that does not match its hash", async () => {
    const preview = await previewImport(hr, good);
    const result = await applyImport(hr, { text: good.replace("Apply One", "Apply Uno"), hash: preview.hash, digest: preview.digest });
    expect(result).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it("previews, then applies everything in one go through the page, with working set-password links and one audit event", async () => {
    const file = fixture("semicolon-quotes.csv");
    const previewed = await upload(hrCookie, "staff.csv", file);
    expect(previewed.status).toBe(200);
    expect(previewed.data.kind).toBe("preview");
    const apply = previewed.data.preview.apply!;
    // The browser sends the hidden field's line breaks back as CRLF.
    const request = makeRequest("/hr/import", {
      cookie: hrCookie,
      form: { intent: "apply", csv: apply.csv.replace(/\n/g, "\r\n"), hash: apply.hash, digest: apply.digest },
    });
    const applied = unwrap(await importRoute.action(routeArgs(request) as never));
    expect(applied.status).toBe(200);
    const data = applied.data as { kind: string; counts: { create: number }; links: { email: string; url: string }[] };
    expect(data.kind).toBe("applied");
    expect(data.counts.create).toBe(4);
    expect(data.links.map((l) => l.email).sort()).toEqual(["agus@library.test", "budi@library.test", "dewi@library.test", "rina@library.test"]);
    const dewi = (await getDb().select().from(users).where(eq(users.email, "dewi@library.test")))[0]!;
    expect(dewi).toMatchObject({ displayName: 'Dewi "Dee" Lestari', staffNumber: "S2002", role: "staff", active: true, passwordHash: null });
    const token = data.links.find((l) => l.email === "dewi@library.test")!.url.split("/set-password/")[1]!;
    expect((await findPasswordTokenUser(token))?.userId).toBe(dewi.id);
    expect(await consumeSetPasswordLink(token, "a long enough password")).toBe(dewi.id);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "import.apply"));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(hr.id);
    expect(events[0]!.details).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    // No token appears in the audit record.
    expect(JSON.stringify(events[0])).not.toContain(token);

    // The links download as CSV, re-sent by the page; nothing was kept on the server.
    const csvResponse = (await linksRoute.action(
      routeArgs(makeRequest("/hr/import/links.csv", { cookie: hrCookie, form: { links: JSON.stringify(data.links) } })) as never,
    )) as Response;
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(csvResponse.headers.get("Content-Disposition")).toMatch(/attachment; filename="set-password-links-/);
    const bytes = new Uint8Array(await csvResponse.arrayBuffer());
    // A byte order mark first, so Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body.startsWith("Name,Email address,Staff number,Set-password link,Valid until\r\n")).toBe(true);
    expect(body).toContain('"Dewi ""Dee"" Lestari",dewi@library.test,S2002,http://academy.test/set-password/');

    // Importing the same file again changes nothing.
    const again = await upload(hrCookie, "staff.csv", file);
    expect(again.data.preview.counts).toMatchObject({ unchanged: 4, create: 0 });
  });

  it("refuses links that do not point at this site's set-password page", async () => {
    const links = [
      { email: "x@library.test", name: "X", staffNumber: null, url: "https://evil.example/set-password/abc", expiresAt: clockNow().toISOString() },
    ];
    const response = (await linksRoute.action(
      routeArgs(makeRequest("/hr/import/links.csv", { cookie: hrCookie, form: { links: JSON.stringify(links) } })) as never,
    )) as Response;
    expect(response.status).toBe(400);
    const garbage = (await linksRoute.action(
      routeArgs(makeRequest("/hr/import/links.csv", { cookie: hrCookie, form: { links: "{not json" } })) as never,
    )) as Response;
    expect(garbage.status).toBe(400);
  });
});

describe("bad uploads get a clear answer, never a 500", () => {
  it.each([
    ["an empty file", new Uint8Array(), "import.emptyFile"],
    ["an Excel workbook", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), "import.spreadsheetFile"],
    ["a Windows-1252 file", fixture("excel-windows-1252.csv"), "import.notUtf8"],
    ["binary data", new Uint8Array([1, 2, 0, 0, 5, 6, 7, 8]), "import.notText"],
  ])("%s", async (_label, bytes, message) => {
    const res = await upload(hrCookie, "file.csv", bytes);
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ kind: "problem", problem: { message } });
  });

  it("a 10 MB file", async () => {
    const row = "someone@library.test,Some One,X1,KHPL-RIV,staff\n";
    const big = Buffer.from(`email,name,nip,unit,role\n${row.repeat(Math.ceil(10_000_000 / row.length))}`);
    expect(big.length).toBeGreaterThan(10_000_000);
    const res = await upload(hrCookie, "big.csv", big);
    expect(res.status).toBe(413);
    expect(res.data).toMatchObject({ kind: "problem", problem: { message: "import.tooLarge", vars: { mb: 5 } } });
  });

  it("no file and no pasted text", async () => {
    const { value } = await run(() => importRoute.action(routeArgs(uploadRequest(hrCookie, null, "")) as never));
    expect(unwrap(value)).toMatchObject({ status: 400, data: { kind: "problem", problem: { message: "import.noFile" } } });
  });

  it("pasted text works like a file", async () => {
    const { value } = await run(() =>
      importRoute.action(routeArgs(uploadRequest(hrCookie, null, "Nama;Email\nPaste Person;paste@library.test\n")) as never),
    );
    const res = unwrap(value) as { status: number; data: { preview: { rows: PreviewRow[] } } };
    expect(res.status).toBe(200);
    expect(res.data.preview.rows[0]).toMatchObject({ line: 2, action: "create", email: "paste@library.test" });
  });

  it("a tampered apply form", async () => {
    const request = makeRequest("/hr/import", {
      cookie: hrCookie,
      form: { intent: "apply", csv: "email,name\na@b.test,A", hash: "nothex", digest: "x" },
    });
    expect(unwrap(await importRoute.action(routeArgs(request) as never))).toMatchObject({
      status: 400,
      data: { kind: "problem", problem: { message: "import.mismatch" } },
    });
  });
});

describe("a 5,000-row file", () => {
  it("previews (and applies) in a few seconds", async () => {
    const units = ["KHPL-RIV", "Hillside Branch", "central library", "KHPL"];
    const lines = ["Nama;Email;NIP;Unit Kerja;Peran"];
    for (let i = 0; i < 5000; i++)
      lines.push(`"Pegawai ${i}; Uji";pegawai.${i}@library.test;N${String(i).padStart(5, "0")};${units[i % units.length]};staf`);
    const bytes = Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`);
    const started = performance.now();
    const res = await upload(hrCookie, "five-thousand.csv", bytes);
    const ms = performance.now() - started;
    console.log(`5,000-row preview through the route action: ${ms.toFixed(0)} ms (${(bytes.length / 1024).toFixed(0)} KiB)`);
    const preview = res.data.preview;
    expect(preview.counts).toMatchObject({ create: 5000, error: 0 });
    expect(preview.rows.at(-1)!.line).toBeLessThanOrEqual(5001);
    expect(preview.apply).not.toBeNull();

    // The apply writes in batches and rests between them: record the rests instead of waiting,
    // and count the turns of the event loop other work got while it ran.
    const rests: number[] = [];
    setClockSleep(async (ms) => void rests.push(ms));
    let turns = 0;
    let finished = false;
    const others = (async () => {
      while (!finished) {
        await setImmediate();
        turns++;
      }
    })();
    const applyStarted = performance.now();
    const request = makeRequest("/hr/import", { cookie: hrCookie, form: { intent: "apply", ...preview.apply! } });
    const applied = await (async () => {
      try {
        return unwrap(await importRoute.action(routeArgs(request) as never)).data as { counts: { create: number }; links: unknown[] };
      } finally {
        finished = true;
        setClockSleep(null);
      }
    })();
    await others;
    console.log(
      `5,000-row apply (${IMPORT_BATCH} people a transaction, 5,000 set-password links): ${(performance.now() - applyStarted).toFixed(0)} ms`,
    );
    const parts = 5000 / IMPORT_BATCH;
    expect(rests).toHaveLength(parts - 1);
    for (const ms of rests) expect(ms).toBeLessThanOrEqual(150);
    expect(turns).toBeGreaterThanOrEqual(parts - 1);
    // One audit event a batch, together covering every line of the file once.
    const events = (await getDb().select().from(auditEvents).where(eq(auditEvents.action, "import.apply"))).filter(
      (e) => (e.details as { rows?: number }).rows === 5000,
    );
    const details = events.map((e) => e.details as { part: number; parts: number; created: number; firstLine: number; lastLine: number });
    expect(details.map((d) => d.part).sort((a, b) => a - b)).toEqual(Array.from({ length: parts }, (_, i) => i + 1));
    expect(details.every((d) => d.parts === parts && d.created === IMPORT_BATCH)).toBe(true);
    const covered = details.sort((a, b) => a.part - b.part).flatMap((d) => [d.firstLine, d.lastLine]);
    expect(covered[0]).toBe(2);
    expect(covered.at(-1)).toBe(5001);
    expect(await countUsersLike("pegawai.%@library.test")).toBe(5000);
    expect(applied.links).toHaveLength(5000);
  });
});
