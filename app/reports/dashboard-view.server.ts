// The HR dashboard page's data: the figures for the chosen people and module, the practical
// work, and what the filter form needs.
import type { User } from "lucia";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import type { Translate } from "~/i18n/translate";
import { orgUnitTree } from "~/people/org-units.server";
import { practiceFigureLines, practiceFigures } from "~/practice/stats.server";
import type { ReportQuery } from "~/schemas/reports";
import { dashboardFigures } from "./dashboard.server";
import { filterChoices, readReportFilters } from "./record-filters.server";

/** The dashboard narrows by who and which module only; its figures are the date slices. */
export const DASHBOARD_FILTER_KEYS = ["orgUnit", "module", "people", "assigned"] as const satisfies readonly (keyof ReportQuery)[];

export async function dashboardView(request: Request, actor: Pick<User, "role">, { locale, t }: { locale: Locale; t: Translate }) {
  const { timeZone } = getConfig();
  const state = await getContent();
  const units = await orgUnitTree();
  const { query, filters } = await readReportFilters(request, state, units, DASHBOARD_FILTER_KEYS);
  const figures = await dashboardFigures(actor, state, filters, { locale, timeZone });
  return {
    figures,
    // Labelled on the server: the practice messages are not in this page's catalog area.
    practice: {
      title: t("stats.title"),
      lines: practiceFigureLines(await practiceFigures(actor, { moduleSlug: filters.moduleSlug, orgUnitId: filters.orgUnitId }), t, locale),
    },
    query,
    ...filterChoices(state, units, locale),
  };
}
