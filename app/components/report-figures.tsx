import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { BarChart } from "./charts/bar-chart";
import { useI18n, useT } from "./use-t";
import { formatNumber, formatPercent } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";

/** Labels wrap on a phone instead of pushing the figures off the screen. */
export const FIGURES_LAYOUT = { gridTemplateColumns: "minmax(0, max-content) auto" } as const;

/** One term and its figure in a `<dl>`. */
export function FigurePair({ term, children }: { term: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A chart's figures as a table, folded away under the chart. */
export function FiguresTable({ caption, children }: { caption: string; children: ReactNode }) {
  const t = useT();
  return (
    <details className="chart-table">
      <summary>{t("dashboard.showTable")}</summary>
      <div className="table-wrap" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}

export type RateItem = {
  key: string;
  label: string;
  depth?: number;
  rows: number;
  passed: number;
  rate: number | null;
  /** Links to the report's rows and passed rows; none for a slice the report cannot filter to. */
  rowsHref?: string;
  passedHref?: string;
};

/** Rows, passed and pass rate per slice (module or unit), each count linking to the report. */
export function RateTable({ caption, sliceHeader, items }: { caption: string; sliceHeader: MessageKey; items: RateItem[] }) {
  const t = useT();
  const { locale } = useI18n();
  const num = (n: number) => formatNumber(locale, n);
  const count = (n: number, href?: string) => (href ? <Link to={href}>{num(n)}</Link> : num(n));
  return (
    <FiguresTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t(sliceHeader)}</th>
          <th scope="col">{t("dashboard.colRows")}</th>
          <th scope="col">{t("dashboard.colPassed")}</th>
          <th scope="col">{t("dashboard.colRate")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.key}>
            <th scope="row">
              {"\u2003".repeat(item.depth ?? 0)}
              {item.label}
            </th>
            <td>{count(item.rows, item.rowsHref)}</td>
            <td>{count(item.passed, item.passedHref)}</td>
            <td>{item.rate === null ? "—" : formatPercent(locale, item.rate * 100)}</td>
          </tr>
        ))}
      </tbody>
    </FiguresTable>
  );
}

/** A section of pass rates per slice: the bar chart, and its figures as a table under it. */
export function RateSection({
  id,
  title,
  hint,
  sliceHeader,
  items,
}: {
  id: string;
  title: string;
  hint?: string;
  sliceHeader: MessageKey;
  items: RateItem[];
}) {
  const t = useT();
  const { locale } = useI18n();
  const pct = (r: number | null) => (r === null ? "—" : formatPercent(locale, r * 100));
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hint ? <p className="muted">{hint}</p> : null}
      <BarChart
        id={`chart-${id.replace(/^by-/, "")}`}
        title={title}
        desc={t("dashboard.barDesc", { count: items.length })}
        items={items.map((item) => ({ label: item.label, share: item.rate ?? 0, valueText: pct(item.rate), depth: item.depth }))}
      />
      <RateTable caption={title} sliceHeader={sliceHeader} items={items} />
    </section>
  );
}
