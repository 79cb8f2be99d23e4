import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { ProgressBar } from "~/components/status-badge";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { formatDate, formatDay, formatHours } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { notFound } from "~/learning/access.server";
import { pathPage } from "~/paths/progress.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.path.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "learning.take");
  const locale = await resolveLocale(request, user);
  const path = await pathPage(user, await getContent(), params.path ?? "", locale, getConfig().timeZone);
  if (!path) notFound();
  return { path };
}

export default function PathPage() {
  const { path } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <div>
      <p>
        <Link to="/learn">← {t("learn.title")}</Link>
      </p>
      <h1>{path.title}</h1>
      <p className="lead">{path.description}</p>
      <p>
        <strong>{t("paths.audience")}</strong> {path.audience}
      </p>
      <p className="muted">
        {t("hours.value", { hours: formatHours(locale, path.hours) })} · {path.inOrder ? t("paths.inOrder") : t("paths.anyOrder")}
      </p>
      {path.dueDate ? (
        <p className={path.overdue ? "due due--overdue" : "due"}>
          {path.overdue ? <strong>{t("learn.overdue")} · </strong> : null}
          {t("learn.dueOn", { date: formatDay(locale, path.dueDate) })}
        </p>
      ) : null}
      <ProgressBar done={path.done} total={path.total} label={t("paths.modulesProgress", { title: path.title })} />
      {path.certificate ? (
        <div className="notice" role="status">
          {t("paths.certified", { date: formatDate(locale, path.certificate.issuedAt, timeZone) })}{" "}
          <Link to="/certificates">{t("paths.viewCertificate")}</Link>
        </div>
      ) : null}
      <h2>{t("paths.modules")}</h2>
      <ol className="lesson-list">
        {path.steps.map((s) => (
          <li key={s.slug} className={s.certified ? "lesson-list__item--done" : undefined}>
            <span className="lesson-list__check" aria-hidden="true">
              {s.certified ? "✓" : ""}
            </span>
            {s.locked ? <span>{s.title}</span> : <Link to={`/learn/${s.slug}`}>{s.title}</Link>}
            <span className="muted">
              {" "}
              · {t("hours.value", { hours: formatHours(locale, s.hours) })} ·{" "}
              {s.certified ? t("paths.stepCertified") : s.locked ? t("paths.stepLocked") : s.next ? t("paths.stepNext") : t("paths.stepOpen")}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
