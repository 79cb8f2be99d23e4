// Path progress for HR (the path assignment page and the dashboard): one row per path.
import type { PathProgressRow } from "~/paths/path-progress-types";
import { formatHours, formatNumber } from "~/i18n/format";
import { DataTable } from "./hr/data-table";
import { useI18n, useT } from "./use-t";

export function PathProgressTable({ rows }: { rows: PathProgressRow[] }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <DataTable
      label={t("paths.progress.title")}
      empty={rows.length === 0 ? t("paths.progress.none") : null}
      headers={[
        t("paths.hr.path"),
        t("paths.progress.modules"),
        t("hours.label"),
        t("paths.progress.assigned"),
        t("paths.progress.certified"),
        t("paths.progress.overdue"),
      ]}
    >
      {rows.map((r) => (
        <tr key={r.slug}>
          <td>{r.title}</td>
          <td>{formatNumber(locale, r.modules)}</td>
          <td>{t("hours.value", { hours: formatHours(locale, r.hours) })}</td>
          <td>{formatNumber(locale, r.assigned)}</td>
          <td>{formatNumber(locale, r.certified)}</td>
          <td>{formatNumber(locale, r.overdue)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
