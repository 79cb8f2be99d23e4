// The attack from issue 25 (problem 6), through the route: a NUL, BEL, ESC or U+2028 in the mentor
// invitation's name gets 400 naming the field, and nothing is stored.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import * as mentorsRoute from "~/routes/admin.mentors";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

describe("control characters posted to a form", () => {
  it("the mentor invitation refuses them in the name and the organisation, and stores nothing", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookie(admin.id);
    const post = async (form: Record<string, string>) =>
      unwrap(
        (await run(() => mentorsRoute.action(routeArgs(makeRequest("/admin/mentors", { cookie, form: { intent: "invite", ...form } })) as never)))
          .value,
      );
    let n = 0;
    for (const ch of ["\u0000", "\u0007", "\u001b", "\u2028", "\n"]) {
      for (const field of ["displayName", "organisation"] as const) {
        const email = `mentor${n++}@example.org`;
        const form = { email, displayName: "Rina Putri", organisation: "Kota Library", [field]: `Rina${ch}Putri` };
        const res = await post(form);
        expect(res.status, `${JSON.stringify(ch)} in ${field}`).toBe(400);
        expect((res.data as { errors: Record<string, string> }).errors).toEqual({ [field]: "validation.controlChars" });
        expect((await getDb().select().from(users).where(eq(users.email, email)))[0]).toBeUndefined();
      }
    }
    // The same form without the control character goes through.
    const ok = await post({ email: "mentor-ok@example.org", displayName: "Rina Putri", organisation: "Kota Library" });
    expect(ok.status).toBe(200);
    expect((await getDb().select().from(users).where(eq(users.email, "mentor-ok@example.org")))[0]).toMatchObject({
      displayName: "Rina Putri",
      role: "mentor",
    });
  });
});
