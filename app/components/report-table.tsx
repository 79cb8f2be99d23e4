import { Link } from "@remix-run/react";
import { HoursCell } from "./report-hours";
import { StatusBadge } from "./status-badge";
import { useI18n, useT } from "./use-t";
import { formatDate, formatDay } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import { PRACTICE_LABELS } from "~/reports/practice-status";
import type { RecordRowView } from "~/reports/record-view-types";
import { defaultDir, type ReportSort } from "~/schemas/reports";

type SortLink = (sort: ReportSort, dir: "asc" | "desc") => string;

function SortHeader({ col, label, sort, dir, href }: { col: ReportSort; label: MessageKey; sort: ReportSort; dir: "asc" | "desc"; href: SortLink }) {
  const t = useT();
  const current = sort === col;
  const nextDir = current ? (dir === "asc" ? "desc" : "asc") : defaultDir(col);
  return (
    <th scope="col" aria-sort={current ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={href(col, nextDir)}>
        {t(label)}
        <span className="visually-hidden"> ({current ? t(dir === "asc" ? "report.sortedAsc" : "report.sortedDesc") : t("report.sortable")})</span>
        {current ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

/** A due date is a calendar day already: it shows that day, whatever the zone. */
function DueCell({ dueDate, overdue }: { dueDate: string | null; overdue: boolean }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <td>
      {dueDate ? formatDay(locale, dueDate) : "—"}
      {overdue ? (
        <>
          <br />
          <strong className="due--overdue">{t("report.overdueBadge")}</strong>
        </>
      ) : null}
    </td>
  );
}

/** One page of the training record, its sortable columns linking to the same filters sorted anew. */
export function RecordTable({
  rows,
  page,
  pages,
  sort,
  dir,
  sortHref,
  timeZone,
  hoursYear,
}: {
  rows: RecordRowView[];
  page: number;
  pages: number;
  sort: ReportSort;
  dir: "asc" | "desc";
  sortHref: SortLink;
  timeZone: string;
  /** The calendar year of the lesson-hours column. */
  hoursYear: number;
}) {
  const t = useT();
  const { locale } = useI18n();
  const day = (iso: string | null) => (iso ? formatDate(locale, iso, timeZone) : "—");
  const header = (col: ReportSort, label: MessageKey) => <SortHeader col={col} label={label} sort={sort} dir={dir} href={sortHref} />;
  if (rows.length === 0) return <p>{t("report.empty")}</p>;
  return (
    // position: relative keeps the visually hidden sort hints inside the scrolling box, so
    // they do not widen the page on a phone.
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="record-caption" style={{ position: "relative" }}>
      <table>
        <caption id="record-caption" className="visually-hidden">
          {t("report.tableCaption", { page, pages })}
        </caption>
        <thead>
          <tr>
            {header("name", "report.col.name")}
            {header("orgUnit", "report.col.orgUnit")}
            {header("module", "report.col.module")}
            {header("status", "report.col.status")}
            <th scope="col">{t("report.col.practice")}</th>
            <th scope="col">{t("report.col.lessons")}</th>
            <th scope="col">{t("report.col.attempts")}</th>
            {header("score", "report.col.bestScore")}
            {header("activity", "report.col.lastActivity")}
            <th scope="col">{t("report.col.certificate")}</th>
            {header("due", "report.col.dueDate")}
            <th scope="col">{t("hours.column", { year: hoursYear })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key}>
              <th scope="row" data-main-action={i === 0 ? true : undefined}>
                {r.name}
                <br />
                <span className="muted">
                  {r.staffNumber ?? "—"} · {r.email}
                  {r.active ? null : ` · ${t("report.account.inactive")}`}
                </span>
              </th>
              <td>{r.orgUnit ?? "—"}</td>
              <td>
                {r.moduleTitle}
                <br />
                <span className="muted">{t("report.versionShort", { version: r.version, hash: r.hash })}</span>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                {r.practice ? (
                  <>
                    {t(PRACTICE_LABELS[r.practice])}
                    <br />
                    <span className="muted">{t("report.practice.approvedOf", { approved: r.tasksApproved, total: r.tasksTotal })}</span>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {r.lessonsDone} / {r.lessonsTotal}
              </td>
              <td>{r.attempts}</td>
              <td>{r.bestScore === null ? "—" : `${r.bestScore}%`}</td>
              <td>{day(r.lastActivity)}</td>
              <td>
                {r.certificateCode ? (
                  <>
                    {r.certificateCode}
                    <br />
                    <span className="muted">
                      {t("report.passedOnShort", { date: day(r.passedOn) })}
                      {r.certificateExpiresOn ? ` · ${t("report.expiresShort", { date: day(r.certificateExpiresOn) })}` : null}
                    </span>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <DueCell dueDate={r.dueDate} overdue={r.overdue} />
              <HoursCell hours={r.yearHours} underTarget={r.underTarget} sessionHours={r.sessionHours} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
