import type { ReactNode } from "react";
import { OrgUnitSelect, type OrgUnitOption } from "./org-unit-select";
import { useT } from "./use-t";
import type { MessageKey } from "~/i18n/translate";
import type { ReportQuery } from "~/schemas/reports";

export type ModuleOption = { slug: string; title: string };

/** Who and which module: the fields the training record and the dashboard filter by alike. */
export function ReportScopeFields({
  idPrefix,
  units,
  modules,
  query,
  children,
}: {
  idPrefix: string;
  units: OrgUnitOption[];
  modules: ModuleOption[];
  query: Pick<ReportQuery, "orgUnit" | "module" | "people">;
  /** Fields shown between the module and the people choice. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <OrgUnitSelect id={`${idPrefix}-orgUnit`} name="orgUnit" label={t("report.orgUnit")} units={units} defaultValue={query.orgUnit} />
      <div className="field">
        <label htmlFor={`${idPrefix}-module`}>{t("report.module")}</label>
        <select id={`${idPrefix}-module`} name="module" defaultValue={query.module ?? ""}>
          <option value="">{t("common.all")}</option>
          {modules.map((m) => (
            <option key={m.slug} value={m.slug}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      {children}
      <div className="field">
        <label htmlFor={`${idPrefix}-people`}>{t("report.people")}</label>
        <select id={`${idPrefix}-people`} name="people" defaultValue={query.people ?? "active"}>
          <option value="active">{t("report.peopleActive")}</option>
          <option value="all">{t("report.peopleAll")}</option>
        </select>
      </div>
    </>
  );
}

/** A yes-only filter: checked sends `name=1`. */
export function FlagOption({ name, label, checked }: { name: string; label: MessageKey; checked: boolean }) {
  const t = useT();
  return (
    <label className="option">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} />
      {t(label)}
    </label>
  );
}

const PARAM_LABELS: Record<string, MessageKey> = {
  q: "report.search",
  orgUnit: "report.orgUnit",
  module: "report.module",
  status: "report.status",
  assigned: "report.assignedOnly",
  overdue: "report.overdueOnly",
  dueFrom: "report.dueFrom",
  dueTo: "report.dueTo",
  passedFrom: "report.passedFrom",
  passedTo: "report.passedTo",
  expiresFrom: "report.expiresFrom",
  expiresTo: "report.expiresTo",
  people: "report.people",
  year: "hours.year",
  underTarget: "hours.onlyUnder",
  sort: "report.param.sort",
  dir: "report.param.sort",
  page: "report.param.page",
};

/** Says which parameters were given but could not be read or found, instead of silently dropping them. */
export function IgnoredNotice({ ignored }: { ignored: string[] }) {
  const t = useT();
  if (ignored.length === 0) return null;
  return (
    <p className="notice" role="status">
      {t("report.ignored", { fields: [...new Set(ignored.map((k) => t(PARAM_LABELS[k] ?? "report.param.page")))].join(", ") })}
    </p>
  );
}
