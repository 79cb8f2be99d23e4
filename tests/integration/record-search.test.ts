// The training record's search: part of a name or email, or an employee number, matched literally
// (a typed % or _ is not a wildcard) and in any case; the page's download links carry it and the
// CSV and XLSX hold exactly the rows it finds, with the search named on the workbook's second sheet.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import * as reportRoute from "~/routes/hr.report";
import * as csvRoute from "~/routes/hr.report[.]csv";
import * as xlsxRoute from "~/routes/hr.report[.]xlsx";
import { parseReportQuery } from "~/schemas/reports";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let hrCookie: string;
const people = {} as Record<"siti" | "underscore" | "lookalike" | "percent" | "other", TestUser>;

beforeAll(async () => {
  const hr = await createTestUser({ role: "hr", displayName: "Zed HR", email: "zed.hr@search.test", staffNumber: "HR-900" });
  hrCookie = await sessionCookie(hr.id);
  people.siti = await createTestUser({ displayName: "Siti Rahmawati", email: "siti.rahma@search.test", staffNumber: "PN-0042" });
  people.underscore = await createTestUser({ displayName: "Budi_Santoso", email: "budi.s@search.test", staffNumber: "PN-0100" });
  people.lookalike = await createTestUser({ displayName: "BudiXSantoso", email: "budi.x@search.test", staffNumber: "PN-0101" });
  people.percent = await createTestUser({ displayName: "Ani 100% Ready", email: "ani@search.test", staffNumber: "PN-0200" });
  people.other = await createTestUser({ displayName: "Dewi Lestari", email: "dewi@search.test", staffNumber: "PN-0300" });
});

type Page = { rows: { email: string }[]; totals: { rows: number }; filterSearch: string; ignored: string[]; query: { q?: string } };

async function page(search: string) {
  const { value } = await run(() => reportRoute.loader(routeArgs(makeRequest(`/hr/report?${search}`, { cookie: hrCookie })) as never));
  const result = unwrap(value);
  expect(result.status).toBe(200);
  return result.data as Page;
}
const emails = (p: Page) => [...new Set(p.rows.map((r) => r.email))].sort();

describe("searching the training record", () => {
  it("finds people by part of a name or email, or by employee number, in any case", async () => {
    expect(emails(await page("q=siti"))).toEqual([people.siti.email]);
    expect(emails(await page("q=RAHMA%40search"))).toEqual([people.siti.email]);
    expect(emails(await page("q=pn-0042"))).toEqual([people.siti.email]);
    expect(emails(await page("q=santoso"))).toEqual([people.underscore.email, people.lookalike.email].sort());
    expect(emails(await page("q=nobody-here"))).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(emails(await page("q=i_S"))).toEqual([people.underscore.email]);
    expect(emails(await page(`q=${encodeURIComponent("100%")}`))).toEqual([people.percent.email]);
    expect(emails(await page(`q=${encodeURIComponent("%")}`))).toEqual([people.percent.email]);
  });

  it("reads blank and overlong input without failing: blank is no search, too long is named as ignored", async () => {
    expect(parseReportQuery(new URLSearchParams("q=%20%20")).query.q).toBeUndefined();
    expect(parseReportQuery(new URLSearchParams("q=%20Siti%20%20Rahma%20")).query.q).toBe("Siti Rahma");
    const all = await page("");
    const long = await page(`q=${"x".repeat(101)}`);
    expect(long.ignored).toContain("q");
    expect(long.totals.rows).toBe(all.totals.rows);
  });

  it("keeps the search in the download links, and the CSV and XLSX apply it", async () => {
    const found = await page("q=santoso&people=active");
    expect(found.filterSearch).toBe("q=santoso&people=active");
    expect(found.totals.rows).toBeGreaterThan(0);

    const { value: csv } = await run(() =>
      csvRoute.loader(routeArgs(makeRequest(`/hr/report.csv?${found.filterSearch}`, { cookie: hrCookie })) as never),
    );
    const text = await (csv as Response).text();
    const lines = text.trim().split(/\r?\n/).slice(1);
    expect(lines).toHaveLength(found.totals.rows);
    for (const line of lines) expect(line).toMatch(/budi\.(s|x)@search\.test/);

    const { value: xlsx } = await run(() =>
      xlsxRoute.loader(routeArgs(makeRequest(`/hr/report.xlsx?${found.filterSearch}`, { cookie: hrCookie })) as never),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await (xlsx as Response).arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount - 1).toBe(found.totals.rows);
    const about = new Map<string, unknown>();
    workbook.worksheets[1]!.eachRow((r) => about.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(about.get("Name, email or employee number")).toBe("santoso");
  });
});
