// Audit events read as text on the log page: labels, subjects and one line per change.
import { describe, expect, it } from "vitest";
import { actionLabel, auditSubject, describeAuditEvent, type AuditRow } from "~/audit-describe";
import { AUDIT_ACTIONS } from "~/audit/record.server";
import { en, type MessageKey } from "~/i18n/en";
import { id } from "~/i18n/id";
import { translate, type Messages } from "~/i18n/translate";

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(en as Messages, key, vars);
const names = { units: { u1: "Central Library", u2: "Branch North" }, modules: { "quick-module": "Quick module" } };
const row = (action: string, details: unknown, extra: Partial<AuditRow> = {}): AuditRow => ({
  action,
  details,
  subjectType: null,
  subjectId: null,
  subjectName: null,
  subjectEmail: null,
  unitName: null,
  ...extra,
});

describe("audit descriptions", () => {
  it("labels every action written, in both languages", () => {
    for (const action of AUDIT_ACTIONS) {
      const key = `audit.action.${action}` as MessageKey;
      expect(en[key], action).toBeTruthy();
      expect(id[key], action).toBeTruthy();
      expect(actionLabel(t, action)).toBe(en[key]);
    }
    expect(actionLabel(t, "something.unknown")).toBe("something.unknown");
  });

  it("describes changes with field labels and readable values", () => {
    const lines = describeAuditEvent(
      row("user.role_change", { role: { from: "staff", to: "hr" }, orgUnitId: { from: "u1", to: "u2" } }),
      t,
      names,
      "en",
    );
    expect(lines).toEqual(["Role: Staff → HR", "Org unit: Central Library → Branch North"]);
    expect(describeAuditEvent(row("org_unit.move", { name: "Branch North", parentId: { from: null, to: "u1" } }), t, names, "en")).toEqual([
      "Part of: Nothing (top level) → Central Library",
    ]);
  });

  it("summarises imports and assignments", () => {
    const imported = describeAuditEvent(
      row("import.apply", { created: 3, updated: 1, unchanged: 5, rows: 9, roleChanges: [{ email: "a@x.org", from: "staff", to: "trainer" }] }),
      t,
      names,
      "en",
    );
    expect(imported[0]).toBe("3 created, 1 updated, 5 unchanged");
    expect(imported[1]).toBe("a@x.org · Role: Staff → Trainer");
    // A large file is written in batches, one event each, and says which part it was.
    const part = describeAuditEvent(
      row("import.apply", { created: 100, updated: 0, unchanged: 0, rows: 250, part: 2, parts: 3, firstLine: 102, lastLine: 201, roleChanges: [] }),
      t,
      names,
      "en",
    );
    expect(part).toEqual(["100 created, 0 updated, 0 unchanged", "Part 2 of 3 of the file (lines 102 to 201)"]);
    const assigned = describeAuditEvent(
      row("assignment.due_change", {
        assignmentId: "a",
        module: "quick-module",
        targetType: "role",
        target: "staff",
        dueDate: { from: "2026-03-01", to: "2026-03-31" },
      }),
      t,
      names,
      "en",
    );
    expect(assigned[0]).toBe("Quick module → Everyone: Staff");
    expect(assigned[1]).toMatch(/^Due date: 1 Mar 2026 → 31 Mar 2026$/);
  });

  it("names the subject", () => {
    expect(auditSubject(row("user.update", {}, { subjectType: "user", subjectId: "x", subjectName: "Ani", subjectEmail: "ani@x.org" }), t)).toBe(
      "Ani (ani@x.org)",
    );
    expect(auditSubject(row("org_unit.delete", { name: "Old" }, { subjectType: "org_unit", subjectId: "gone" }), t)).toBe("Old");
    expect(auditSubject(row("import.apply", {}, { subjectType: "import" }), t)).toBe(en["audit.importSubject"]);
  });
});
