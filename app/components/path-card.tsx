// A learning path on /learn: progress in modules, the due date, and what comes next.
import { Link } from "@remix-run/react";
import type { PathView } from "~/paths/path-progress-types";
import { formatDay } from "~/i18n/format";
import { ProgressBar } from "./status-badge";
import { useI18n, useT } from "./use-t";

export function PathCard({ path }: { path: PathView }) {
  const t = useT();
  const { locale } = useI18n();
  return (
    <li className={`module-card${path.overdue ? " module-card--overdue" : ""}`}>
      <div className="module-card__head">
        <h3>
          <Link to={`/learn/paths/${path.slug}`}>{path.title}</Link>
        </h3>
      </div>
      <p>{path.audience}</p>
      {path.dueDate ? (
        <p className={path.overdue ? "due due--overdue" : "due"}>
          {path.overdue ? <strong>{t("learn.overdue")} · </strong> : null}
          {t("learn.dueOn", { date: formatDay(locale, path.dueDate) })}
        </p>
      ) : null}
      <ProgressBar done={path.done} total={path.total} label={t("paths.modulesProgress", { title: path.title })} />
      <p className="muted">{t("paths.modulesDone", { done: path.done, total: path.total })}</p>
      {path.certificate ? (
        <p>
          <Link to="/certificates" className="button">
            {t("paths.viewCertificate")}
          </Link>
        </p>
      ) : path.next ? (
        <p>
          <Link to={`/learn/${path.next.slug}`} className="button button--primary">
            {t("paths.next", { title: path.next.title })}
          </Link>
        </p>
      ) : null}
    </li>
  );
}
