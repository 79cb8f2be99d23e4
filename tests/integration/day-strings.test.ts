// One strict day-string rule (app/utils/dates.ts): a `YYYY-MM-DD` that is no day on the calendar
// (2026-02-30) is refused with a message, never rolled over to 2 March, wherever a day is read.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import * as hrRoute from "~/routes/hr.certificates";
import { ChangeDueDateSchema } from "~/schemas/assignments";
import { CertificateListQuerySchema } from "~/schemas/certificates";
import { AuditQuerySchema } from "~/schemas/people";
import { parseReportQuery } from "~/schemas/reports";
import { DaySchema } from "~/schemas/day";
import { isCalendarDay } from "~/utils/dates";
import { createTestUser, makeRequest, routeArgs, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

describe("day strings", () => {
  it("accepts real calendar days only", () => {
    for (const day of ["2026-02-28", "2028-02-29", "2026-12-31"]) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "26-02-01", "2026-2-1", ""]) {
      expect(isCalendarDay(day), day).toBe(false);
    }
    const refused = DaySchema.safeParse("2026-02-30");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("validation.date");
  });

  it("is the same rule for due dates, certificate, report and audit filters", () => {
    const due = ChangeDueDateSchema.safeParse({ intent: "due", id: "a", dueDate: "2026-02-30" });
    expect(due.success).toBe(false);
    expect(due.error?.issues[0]?.message).toBe("validation.date");
    expect(CertificateListQuerySchema.parse({ from: "2026-02-30", to: "2026-03-01" })).toMatchObject({ from: undefined, to: "2026-03-01" });
    expect(parseReportQuery(new URLSearchParams("dueFrom=2026-02-30&passedTo=2026-02-28"))).toMatchObject({
      query: { dueFrom: undefined, passedTo: "2026-02-28" },
      ignored: ["dueFrom"],
    });
    expect(AuditQuerySchema.parse({ from: "2026-02-30" }).from).toBeUndefined();
  });

  it("leaves an impossible day out of HR's certificate filter and says so, instead of filtering from 2 March", async () => {
    const staff = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(staff.id, mod);
    const started = await startAttempt(staff, mod);
    if (!started.ok) throw new Error(started.reason);
    const attempt = (await getOwnAttempt(staff, started.attemptId, mod.slug))!;
    const graded = await submitAttempt(staff, mod, attempt, answerForm(mod, attempt), "en");
    if (!graded.ok || !graded.certificateId) throw new Error("not passed");
    await getDb()
      .update(certificates)
      .set({ issuedAt: new Date("2026-03-01T12:00:00Z") })
      .where(eq(certificates.id, graded.certificateId));

    const hr = await createTestUser({ role: "hr" });
    const cookie = await sessionCookie(hr.id);
    const page = unwrap(await hrRoute.loader(routeArgs(makeRequest("/hr/certificates?from=2026-02-30", { cookie })) as never)).data as {
      total: number;
      ignored: string[];
      query: { from?: string };
    };
    expect(page.ignored).toEqual(["from"]);
    expect(page.query.from).toBeUndefined();
    expect(page.total).toBe(1);
  });
});
