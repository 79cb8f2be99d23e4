// How an audit event reads on the log page: its action's label, its subject, and one line per
// change, in the reader's language. Pure, so it renders in the browser and is tested directly.
import type { Locale } from "~/db/schema/users";
import { formatDay } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import { isCalendarDay } from "~/utils/dates";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** An audit event as the log page has it (dates as ISO strings). */
export type AuditRow = {
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: unknown;
  subjectName: string | null;
  subjectEmail: string | null;
  unitName: string | null;
};

/** Names of org units and titles of modules, by id and slug, for the descriptions. */
export type AuditNames = { units: Record<string, string>; modules: Record<string, string> };

/** The catalog's label for an action; an action without one is shown as it is stored. */
export function actionLabel(t: Translate, action: string) {
  const key = `audit.action.${action}` as MessageKey;
  const label = t(key);
  return label === key ? action : label;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  email: "fields.email",
  displayName: "fields.name",
  staffNumber: "fields.staffNumber",
  role: "fields.role",
  orgUnitId: "fields.orgUnit",
  locale: "fields.language",
  name: "orgUnits.name",
  code: "orgUnits.code",
  parentId: "orgUnits.parent",
  dueDate: "assign.dueDate",
};

type Change = { from: unknown; to: unknown };
const isChange = (v: unknown): v is Change => typeof v === "object" && v !== null && "from" in v && "to" in v;

export function describeAuditEvent(row: AuditRow, t: Translate, data: AuditNames, locale: Locale): string[] {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const value = (key: string, v: unknown): string => {
    if (key === "parentId" && !v) return t("orgUnits.topLevel");
    if (v === null || v === undefined || v === "") return t("audit.empty");
    if (key === "role" && typeof v === "string") return t(`roles.${v as "staff"}`);
    if ((key === "orgUnitId" || key === "parentId") && typeof v === "string") return data.units[v] ?? v;
    if (key === "locale" && typeof v === "string") return v === "id" ? "Bahasa Indonesia" : "English";
    if (key === "dueDate" && typeof v === "string" && isCalendarDay(v)) return formatDay(locale, v);
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  };
  const label = (key: string) => (FIELD_LABELS[key] ? t(FIELD_LABELS[key]) : key);
  const changes = (keys: string[]) =>
    keys
      .filter((k) => isChange(d[k]))
      .map((k) => t("audit.change", { field: label(k), from: value(k, (d[k] as Change).from), to: value(k, (d[k] as Change).to) }));
  switch (row.action) {
    case "import.apply": {
      const lines = [
        t("audit.importSummary", { created: Number(d.created ?? 0), updated: Number(d.updated ?? 0), unchanged: Number(d.unchanged ?? 0) }),
      ];
      // A large file is written in batches, one event each (ADR 0030).
      if (typeof d.part === "number")
        lines.push(t("audit.importPart", { part: d.part, parts: Number(d.parts), first: Number(d.firstLine), last: Number(d.lastLine) }));
      for (const c of (Array.isArray(d.roleChanges) ? d.roleChanges : []) as { email: string; from: string; to: string }[]) {
        lines.push(t("audit.change", { field: `${c.email} · ${t("fields.role")}`, from: value("role", c.from), to: value("role", c.to) }));
      }
      return lines;
    }
    case "assignment.create":
    case "assignment.delete":
    case "assignment.due_change": {
      const module = data.modules[String(d.module)] ?? String(d.module ?? "");
      const due = isChange(d.dueDate) ? changes(["dueDate"])[0]! : t("assign.dueOn", { date: value("dueDate", d.dueDate) });
      return [`${module} → ${targetText(t, d)}`, due];
    }
    case "user.create":
      return [t("audit.change", { field: label("role"), from: "—", to: value("role", d.role) })];
    default: {
      const fromChanges = changes(Object.keys(d));
      if (fromChanges.length > 0) return fromChanges;
      return Object.entries(d)
        .filter(([k, v]) => k !== "assignmentId" && (typeof v !== "object" || v === null))
        .map(([k, v]) => `${label(k)}: ${value(k, v)}`);
    }
  }
}

function targetText(t: Translate, d: Record<string, unknown>) {
  const target = String(d.target ?? "");
  if (d.targetType === "role") return t("assign.roleTarget", { role: t(`roles.${target as "staff"}`) });
  if (d.targetType === "org_unit") return t("assign.unitTarget", { unit: target });
  return target;
}

export function auditSubject(row: AuditRow, t: Translate) {
  const d = (row.details ?? {}) as Record<string, unknown>;
  if (row.subjectType === "user") return row.subjectName ? `${row.subjectName} (${row.subjectEmail})` : (row.subjectId ?? "");
  if (row.subjectType === "org_unit") return row.unitName ?? String(d.name ?? row.subjectId ?? "");
  if (row.subjectType === "assignment") return targetText(t, d);
  if (row.subjectType === "import") return t("audit.importSubject");
  return [row.subjectType, row.subjectId].filter(Boolean).join(" ");
}
