// Lesson hours (JP): recorded on the certificate at issue, summed per person per calendar year in
// TIME_ZONE (revoked and other years' certificates excluded), shown on My learning, the verify
// page and the PDF.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, quizAttempts } from "~/db/schema";
import { backfillCertificateHours, myYearHours, yearHoursByUser, yearHoursOf, yearIn, yearRange } from "~/certificates/hours.server";
import { renderCertificatePdf } from "~/certificates/pdf.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { pinClock } from "../setup/clock";
import { pdfText } from "../setup/pdf-read";
import * as learnRoute from "~/routes/learn._index";
import * as verifyRoute from "~/routes/verify.$code";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

const db = () => getDb();
const TZ = "Asia/Jakarta";

beforeAll(() => {
  process.env.TIME_ZONE = TZ;
  resetConfig();
});
afterAll(() => {
  pinClock();
  process.env.TIME_ZONE = "UTC";
  resetConfig();
});

async function pass(userId: string, slug: string, now: Date) {
  const user = { id: userId };
  const mod = await moduleBySlug(slug);
  await completeAllLessons(userId, mod, now);
  const started = await startAttempt(user, mod, now);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", now);
  if (!result.ok || !result.certificateId) throw new Error("expected a pass with a certificate");
  return (await db().select().from(certificates).where(eq(certificates.id, result.certificateId)))[0]!;
}

let copies = 0;
/** Another certificate like `from` (its own attempt row), issued at `issuedAt`. */
async function copyCertificate(from: typeof certificates.$inferSelect, changes: Partial<typeof certificates.$inferInsert>) {
  const attempt = (await db().select().from(quizAttempts).where(eq(quizAttempts.id, from.attemptId!)))[0]!;
  const n = ++copies;
  const attemptId = `copy-attempt-${n}`;
  await db()
    .insert(quizAttempts)
    .values({ ...attempt, id: attemptId, attemptNumber: 100 + n });
  const row = { ...from, id: `copy-cert-${n}`, code: `COPY-${String(n).padStart(4, "0")}-AAAA-BBBB`, attemptId, ...changes };
  await db().insert(certificates).values(row);
  return row;
}

describe("years in the app's time zone", () => {
  it("starts a year at midnight on 1 January local time, offset changes included", () => {
    expect(yearRange(2026, "Asia/Jakarta")).toEqual({ from: new Date("2025-12-31T17:00:00Z"), to: new Date("2026-12-31T17:00:00Z") });
    // New Zealand is on summer time (UTC+13) at new year.
    expect(yearRange(2026, "Pacific/Auckland").from).toEqual(new Date("2025-12-31T11:00:00Z"));
    expect(yearRange(2026, "America/New_York").from).toEqual(new Date("2026-01-01T05:00:00Z"));
    expect(yearIn(TZ, new Date("2025-12-31T16:59:59Z"))).toBe(2025);
    expect(yearIn(TZ, new Date("2025-12-31T17:00:00Z"))).toBe(2026);
  });
});

describe("lesson hours per person per year", () => {
  it("records the module's hours on the certificate and sums a year's, without revoked or other years' certificates", async () => {
    const ani = await createTestUser();
    const budi = await createTestUser();
    const quick = await pass(ani.id, "quick-module", new Date("2026-03-10T03:00:00Z"));
    const limited = await pass(ani.id, "limited-module", new Date("2026-05-02T03:00:00Z"));
    expect(quick.hours).toBe(1);
    expect(limited.hours).toBe(1.5);

    // The new-year edge in Jakarta (UTC+7): 23:59:59 on 31 December counts for 2025, midnight for 2026.
    await copyCertificate(quick, { issuedAt: new Date("2025-12-31T16:59:59Z") });
    await copyCertificate(quick, { issuedAt: new Date("2025-12-31T17:00:00Z") });
    // Revoked certificates count for nothing, in any year.
    await copyCertificate(limited, {
      issuedAt: new Date("2026-06-01T03:00:00Z"),
      revokedAt: new Date("2026-06-02T03:00:00Z"),
      revokedReason: "copied task",
    });
    await copyCertificate(limited, {
      issuedAt: new Date("2025-06-01T03:00:00Z"),
      revokedAt: new Date("2025-06-02T03:00:00Z"),
      revokedReason: "copied task",
    });
    // Hours were recorded at issue: a later change of module.yaml does not touch this certificate.
    await copyCertificate(quick, { issuedAt: new Date("2026-08-01T03:00:00Z"), hours: 4 });
    // An expired certificate still counts in the year it was issued.
    await copyCertificate(quick, { issuedAt: new Date("2025-02-01T03:00:00Z"), expiresAt: new Date("2025-03-01T03:00:00Z") });
    await pass(budi.id, "limited-module", new Date("2027-01-01T00:00:00Z"));

    expect(await yearHoursOf(db(), ani.id, 2026, TZ)).toBe(1 + 1.5 + 1 + 4);
    expect(await yearHoursOf(db(), ani.id, 2025, TZ)).toBe(1 + 1);
    expect(await yearHoursOf(db(), ani.id, 2024, TZ)).toBe(0);
    // In UTC the edge certificate falls in 2025 instead.
    expect(await yearHoursOf(db(), ani.id, 2026, "UTC")).toBe(1 + 1.5 + 4);

    const by2026 = await yearHoursByUser(db(), 2026, TZ);
    expect(by2026.get(ani.id)).toBe(7.5);
    expect(by2026.has(budi.id)).toBe(false);
    expect((await yearHoursByUser(db(), 2027, TZ)).get(budi.id)).toBe(1.5);
  });

  it("gives certificates from before hours existed their module's current hours, once", async () => {
    const user = await createTestUser();
    const cert = await pass(user.id, "quick-module", new Date("2026-02-01T03:00:00Z"));
    await db().update(certificates).set({ hours: null }).where(eq(certificates.id, cert.id));
    const gone = await copyCertificate(cert, { moduleSlug: "removed-module", hours: null, issuedAt: new Date("2026-02-02T03:00:00Z") });
    expect(await yearHoursOf(db(), user.id, 2026, TZ)).toBe(0);

    const state = await getContent();
    expect(await backfillCertificateHours(state.modules.values())).toBe(1);
    expect((await db().select().from(certificates).where(eq(certificates.id, cert.id)))[0]!.hours).toBe(1);
    expect((await db().select().from(certificates).where(eq(certificates.id, gone.id)))[0]!.hours).toBeNull();
    expect(await backfillCertificateHours(state.modules.values())).toBe(0);
    expect(await yearHoursOf(db(), user.id, 2026, TZ)).toBe(1);
  });
});

describe("where staff and anyone else see the hours", () => {
  it("My learning shows this year's hours against the target; the verify page shows the certificate's", async () => {
    const user = await createTestUser();
    const now = new Date("2026-11-20T05:00:00Z");
    await pass(user.id, "limited-module", now);
    await pass(user.id, "quick-module", new Date("2025-11-20T05:00:00Z"));
    pinClock(now);
    try {
      const { value } = await run(async () => learnRoute.loader(routeArgs(makeRequest("/learn", { cookie: await sessionCookie(user.id) })) as never));
      expect((unwrap(value).data as { yearHours: unknown }).yearHours).toEqual({ year: 2026, hours: 1.5, sessionHours: 0, target: 20 });
      expect(await myYearHours(user.id, { timeZone: TZ, trainingHoursTarget: 8 }, new Date("2025-12-31T12:00:00Z"))).toEqual({
        year: 2025,
        hours: 1,
        sessionHours: 0,
        target: 8,
      });
    } finally {
      pinClock();
    }

    const cert = (await db().select().from(certificates).where(eq(certificates.userId, user.id))).find((c) => c.moduleSlug === "limited-module")!;
    const { value } = await run(() =>
      verifyRoute.loader(routeArgs(makeRequest(`/verify/${cert.code}`), { code: cert.code }, { clientIp: "198.51.100.7" }) as never),
    );
    expect((unwrap(value).data as { view: { hours: number } }).view.hours).toBe(1.5);
  });

  it("prints the hours on the PDF in the certificate's language", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-hours-pdf-"));
    const text = async (cert: Parameters<typeof renderCertificatePdf>[0]) => {
      const file = path.join(dir, `${cert.locale}-${cert.hours}.pdf`);
      fs.writeFileSync(file, await renderCertificatePdf(cert));
      return (await pdfText(file)).replace(/\s+/g, " ");
    };
    const base = {
      code: "7KQ2-MX4P-9HTA-C3RD",
      holderName: "Siti Aminah",
      moduleTitle: "Quick module",
      locale: "en",
      score: 90,
      issuedAt: new Date("2026-03-01T03:00:00Z"),
      expiresAt: null,
      revokedAt: null,
    };
    expect(await text({ ...base, hours: 4 })).toContain("4 JP (lesson hours)");
    expect(await text({ ...base, locale: "id", hours: 2.5 })).toContain("2,5 JP (jam pelajaran)");
    const none = await text({ ...base, hours: null });
    expect(none).not.toContain("JP");
    expect(none).toContain("Score 90%");
  });
});
