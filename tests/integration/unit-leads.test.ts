import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { describeAuditEvent, actionLabel } from "~/audit-describe";
import { getDb } from "~/db/client.server";
import { auditEvents, orgUnitLeads } from "~/db/schema";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import * as route from "~/routes/hr.unit-leads";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

let hrCookie: string;
let hrId: string;
let unit: { id: string; name: string };
let lead: Awaited<ReturnType<typeof createTestUser>>;

beforeAll(async () => {
  const hr = await createTestUser({ role: "hr" });
  hrId = hr.id;
  hrCookie = await sessionCookie(hr.id);
  unit = await createOrgUnit("Lead Branch");
  lead = await createTestUser({ orgUnitId: unit.id, email: "lead@leads.test", staffNumber: "LEAD-1", displayName: "Sari Lead" });
});

const post = async (form: Record<string, string>, cookie = hrCookie) =>
  unwrap((await run(() => route.action(routeArgs(makeRequest("/hr/unit-leads", { cookie, form })) as never))).value);
const events = async () => (await getDb().select().from(auditEvents)).filter((e) => e.action.startsWith("unit_lead."));
const leads = async () => await getDb().select().from(orgUnitLeads).where(eq(orgUnitLeads.orgUnitId, unit.id));

const translate =
  (catalog: Record<string, string>) =>
  (key: string, vars: Record<string, string | number> = {}) =>
    (catalog[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));

describe("unit leads in the audit log", () => {
  it("records adding a lead once, with the unit, in the same change; a repeat add or an unknown person records nothing", async () => {
    const added = await post({ intent: "add", orgUnitId: unit.id, person: "LEAD-1" });
    expect(added.status).toBe(200);
    expect(await leads()).toHaveLength(1);
    expect(await events()).toHaveLength(1);
    expect((await events())[0]).toMatchObject({
      action: "unit_lead.add",
      actorId: hrId,
      subjectType: "user",
      subjectId: lead.id,
      details: { orgUnitId: unit.id },
    });

    await post({ intent: "add", orgUnitId: unit.id, person: "lead@leads.test" });
    expect(await leads()).toHaveLength(1);
    expect(await events()).toHaveLength(1);

    const unknown = await post({ intent: "add", orgUnitId: unit.id, person: "nobody@leads.test" });
    expect(unknown.status).toBe(400);
    expect((unknown.data as { errors: Record<string, string> }).errors.person).toBe("validation.unknownPerson");
    expect(await events()).toHaveLength(1);
  });

  it("records removing a lead once; removing again records nothing", async () => {
    await post({ intent: "remove", orgUnitId: unit.id, userId: lead.id });
    expect(await leads()).toHaveLength(0);
    const removed = (await events()).filter((e) => e.action === "unit_lead.remove");
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ actorId: hrId, subjectId: lead.id, details: { orgUnitId: unit.id } });

    await post({ intent: "remove", orgUnitId: unit.id, userId: lead.id });
    expect((await events()).filter((e) => e.action === "unit_lead.remove")).toHaveLength(1);
  });

  it("reads in both languages on the log page: the action's label and the unit's name", () => {
    const row = {
      action: "unit_lead.add",
      subjectType: "user",
      subjectId: lead.id,
      details: { orgUnitId: unit.id },
      subjectName: "Sari Lead",
      subjectEmail: lead.email,
      unitName: null,
    };
    const names = { units: { [unit.id]: "Lead Branch" }, modules: {} };
    const tEn = translate(en as Record<string, string>) as never;
    const tId = translate(id as Record<string, string>) as never;
    expect(actionLabel(tEn, "unit_lead.add")).toBe("Unit lead added");
    expect(actionLabel(tId, "unit_lead.remove")).toBe("Pimpinan unit dihapus");
    expect(describeAuditEvent(row, tEn, names, "en")).toEqual(["Org unit: Lead Branch"]);
    expect(describeAuditEvent(row, tId, names, "id")[0]).toContain("Lead Branch");
  });
});
