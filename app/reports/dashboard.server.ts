// HR's dashboard: every figure is a count of training-record rows (the same generator, the
// same moduleStatus), and each one is the row count of a report link with the same filters,
// so a chart never shows a number the report would not.
import type { User } from "lucia";
import { pick } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import { unitAndAncestors } from "~/learning/assignments.server";
import { todayIn } from "~/utils/dates";
import { orgUnitTree, withDescendants } from "~/people/org-units.server";
import { addDays, dayFormatter, lastDayOfMonth, lastMonths } from "~/utils/dates";
import {
  addToTotals,
  assertReportAccess,
  emptyTotals,
  trainingRecordRows,
  type RecordTotals,
  type TrainingRecordFilters,
} from "./training-record.server";
import { clockNow } from "~/utils/clock.server";
import { PRACTICE_STATUSES, type PracticeStatus } from "./practice-status";
import { reportYear } from "./record-hours.server";
import { roundHours } from "~/certificates/hours.server";
import { getConfig } from "~/config.server";

export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export const MONTHS_SHOWN = 12;

export type RateFigure = { rows: number; passed: number; /** passed / rows, 0–1; null without rows. */ rate: number | null };

export type DashboardFigures = {
  today: string;
  totals: RecordTotals;
  byModule: (RateFigure & { slug: string; title: string })[];
  /** Each unit counts its own people and everyone in the units below it (as the report's unit filter does). */
  byUnit: (RateFigure & { id: string | null; name: string | null; depth: number })[];
  months: { month: string; from: string; to: string; completions: number }[];
  expiring: { days: number; from: string; to: string; count: number }[];
  /** Rows of modules with practical tasks, by the status of that work. */
  practice: Record<PracticeStatus, number>;
  /** Lesson hours (JP) this calendar year of the people in the figures (each person once). */
  hours: { year: number; target: number; people: number; underTarget: number; total: number };
};

const rate = (f: { rows: number; passed: number }): RateFigure => ({ ...f, rate: f.rows === 0 ? null : f.passed / f.rows });

export async function dashboardFigures(
  actor: Pick<User, "role">,
  state: ContentState,
  filters: TrainingRecordFilters,
  { locale, timeZone, now = clockNow(), hoursTarget }: { locale: Locale; timeZone: string; now?: Date; hoursTarget?: number },
): Promise<DashboardFigures> {
  assertReportAccess(actor);
  const today = todayIn(timeZone, now);
  const target = hoursTarget ?? getConfig().trainingHoursTarget;
  const dayOf = dayFormatter(timeZone);
  const tree = await orgUnitTree();
  const inScope = filters.orgUnitId ? new Set(withDescendants(filters.orgUnitId, tree)) : null;
  const shownUnits = tree.filter((u) => !inScope || inScope.has(u.id));
  const ancestors = new Map<string, string[]>();
  const unitCounts = new Map<string | null, { rows: number; passed: number }>();
  for (const u of shownUnits) unitCounts.set(u.id, { rows: 0, passed: 0 });
  if (!inScope) unitCounts.set(null, { rows: 0, passed: 0 });

  const modules = visibleModules(state, "staff").filter((m) => !filters.moduleSlug || m.slug === filters.moduleSlug);
  const moduleCounts = new Map(modules.map((m) => [m.slug, { rows: 0, passed: 0 }]));

  const months = lastMonths(today, MONTHS_SHOWN).map((month) => ({ month, from: `${month}-01`, to: lastDayOfMonth(month), completions: 0 }));
  const monthIndex = new Map(months.map((m, i) => [m.month, i]));
  const expiring = EXPIRY_WINDOWS.map((days) => ({ days, from: today, to: addDays(today, days), count: 0 }));

  const practice = Object.fromEntries(PRACTICE_STATUSES.map((p) => [p, 0])) as Record<PracticeStatus, number>;
  const hoursOf = new Map<string, number>();
  const totals = emptyTotals();
  let n = 0;
  for await (const row of trainingRecordRows(actor, state, filters, { locale, timeZone, now, hoursTarget: target })) {
    addToTotals(totals, row);
    const passed = row.status === "passed" ? 1 : 0;
    const m = moduleCounts.get(row.moduleSlug);
    if (m) {
      m.rows++;
      m.passed += passed;
    }
    let chain = row.orgUnitId ? ancestors.get(row.orgUnitId) : undefined;
    if (row.orgUnitId && !chain) {
      chain = unitAndAncestors(row.orgUnitId, tree);
      ancestors.set(row.orgUnitId, chain);
    }
    for (const id of chain ?? [null]) {
      const u = unitCounts.get(id);
      if (u) {
        u.rows++;
        u.passed += passed;
      }
    }
    if (row.practice) practice[row.practice]++;
    hoursOf.set(row.userId, row.yearHours);
    if (row.passedOn) {
      const i = monthIndex.get(dayOf(row.passedOn).slice(0, 7));
      if (i !== undefined) months[i]!.completions++;
    }
    if (row.certificateExpiresOn) {
      const d = dayOf(row.certificateExpiresOn);
      for (const w of expiring) if (d >= w.from && d <= w.to) w.count++;
    }
    if (++n % 2_000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  const yearHours = Array.from(hoursOf, ([, h]) => h);
  return {
    today,
    totals,
    byModule: modules.map((mod) => ({ slug: mod.slug, title: pick(mod.title, locale), ...rate(moduleCounts.get(mod.slug)!) })),
    byUnit: [
      ...shownUnits.map((u) => ({
        id: u.id as string | null,
        name: u.name as string | null,
        depth: inScope ? u.depth - (tree.find((x) => x.id === filters.orgUnitId)?.depth ?? 0) : u.depth,
        ...rate(unitCounts.get(u.id)!),
      })),
      ...(inScope ? [] : [{ id: null, name: null, depth: 0, ...rate(unitCounts.get(null)!) }]),
    ],
    months,
    expiring,
    practice,
    hours: {
      year: reportYear(filters.hoursYear, timeZone, now),
      target,
      people: hoursOf.size,
      underTarget: yearHours.filter((h) => h < target).length,
      total: roundHours(yearHours.reduce((a, b) => a + b, 0)),
    },
  };
}
