// The training record's filters: what a parsed query asks for, checked against what exists,
// and the test a built row must pass.
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { pick } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import type { ModuleStatusName } from "~/learning/status.server";
import { listOrgUnits, type OrgUnit, type OrgUnitNode } from "~/people/org-units.server";
import { parseReportQuery, type ReportQuery } from "~/schemas/reports";

export type TrainingRecordFilters = {
  /** Part of a name or email, or of an employee number (matched literally, any case). */
  search?: string;
  /** With every unit below it. */
  orgUnitId?: string;
  moduleSlug?: string;
  status?: ModuleStatusName;
  assignedOnly?: boolean;
  overdueOnly?: boolean;
  dueFrom?: string;
  dueTo?: string;
  passedFrom?: string;
  passedTo?: string;
  expiresFrom?: string;
  expiresTo?: string;
  /** Deactivated people too (default: active people only). */
  includeInactive?: boolean;
  /** The calendar year whose lesson hours the rows carry (default: the current one). */
  hoursYear?: number;
  /** Only people whose lesson hours in that year are under the yearly target. */
  underTargetOnly?: boolean;
};

export type ReportActor = Pick<User, "role">;

export function assertReportAccess(actor: ReportActor) {
  assertCan(actor, "reports.read");
}

/**
 * The filters of a parsed query, against what exists: an org unit or module that does not
 * exist (or is not published) is dropped and named in `ignored`, like an unreadable value.
 */
export async function resolveFilters(query: ReportQuery, state: ContentState, units?: Pick<OrgUnit, "id">[]) {
  units ??= await listOrgUnits();
  const ignored: string[] = [];
  let orgUnitId = query.orgUnit;
  if (orgUnitId && !units.some((u) => u.id === orgUnitId)) {
    ignored.push("orgUnit");
    orgUnitId = undefined;
  }
  let moduleSlug = query.module;
  if (moduleSlug && !visibleModules(state, "staff").some((m) => m.slug === moduleSlug)) {
    ignored.push("module");
    moduleSlug = undefined;
  }
  const filters: TrainingRecordFilters = {
    search: query.q,
    orgUnitId,
    moduleSlug,
    status: query.status,
    assignedOnly: query.assigned === "1",
    overdueOnly: query.overdue === "1",
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
    passedFrom: query.passedFrom,
    passedTo: query.passedTo,
    expiresFrom: query.expiresFrom,
    expiresTo: query.expiresTo,
    includeInactive: query.people === "all",
    hoursYear: query.year,
    underTargetOnly: query.underTarget === "1",
  };
  return { filters, ignored };
}

/**
 * The report's filters from a request: its query string read with the one report schema and
 * resolved against the content and org units. `query` holds what applies (an unknown unit or
 * module dropped); `ignored` names what could not be read or found. `only` keeps some keys
 * (the dashboard narrows by who and which module only).
 */
export async function readReportFilters(request: Request, state: ContentState, units?: Pick<OrgUnit, "id">[], only?: readonly (keyof ReportQuery)[]) {
  const { query: parsed, ignored: unreadable } = parseReportQuery(new URL(request.url).searchParams);
  const kept: ReportQuery = only ? Object.fromEntries(only.map((k) => [k, parsed[k]])) : parsed;
  const { filters, ignored: unknown } = await resolveFilters(kept, state, units);
  const query: ReportQuery = { ...kept, orgUnit: filters.orgUnitId, module: filters.moduleSlug };
  return { query, filters, ignored: [...unreadable.filter((k) => !only || only.includes(k as keyof ReportQuery)), ...unknown] };
}

/** Whether the filters need a due date (rows without one are skipped before they are built). */
export function needsDueDate(f: TrainingRecordFilters) {
  return Boolean(f.assignedOnly || f.overdueOnly || f.dueFrom || f.dueTo);
}

function inRange(day: string | null, from?: string, to?: string) {
  if (!from && !to) return true;
  if (day === null) return false;
  return (!from || day >= from) && (!to || day <= to);
}

type FilteredRow = { status: ModuleStatusName; dueDate: string | null; overdue: boolean; passedOn: Date | null; certificateExpiresOn: Date | null };

/** Whether a row passes the filters that depend on its derived values. */
export function rowMatches(row: FilteredRow, f: TrainingRecordFilters, dayOf: (d: Date) => string) {
  if (f.status && row.status !== f.status) return false;
  if (f.assignedOnly && row.dueDate === null) return false;
  if (f.overdueOnly && !row.overdue) return false;
  if (!inRange(row.dueDate, f.dueFrom, f.dueTo)) return false;
  if ((f.passedFrom || f.passedTo) && !inRange(row.passedOn && dayOf(row.passedOn), f.passedFrom, f.passedTo)) return false;
  if ((f.expiresFrom || f.expiresTo) && !inRange(row.certificateExpiresOn && dayOf(row.certificateExpiresOn), f.expiresFrom, f.expiresTo))
    return false;
  return true;
}

/** What the filter form offers: the unit tree (indented by depth) and the published modules. */
export function filterChoices(state: ContentState, units: Pick<OrgUnitNode, "id" | "name" | "depth">[], locale: Locale) {
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    modules: visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
  };
}
