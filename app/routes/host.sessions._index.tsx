// The live sessions the acting user hosts (a mentor: only its own; trainers and admins: all).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { hostListData } from "~/sessions/host-page.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "attendance.host.listTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  return hostListData(request);
}

type Row = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function SessionList({ rows, heading, id }: { rows: Row[]; heading: string; id: string }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{t("attendance.host.none")}</p>
      ) : (
        <ul className="module-grid">
          {rows.map((r) => (
            <li key={r.id} className="module-card">
              <h3>
                <Link to={`/host/sessions/${r.id}`}>{r.title}</Link>
                {r.cancelled ? (
                  <>
                    {" "}
                    <span className="badge badge--failed">{t("attendance.host.cancelled")}</span>
                  </>
                ) : null}
              </h3>
              <p>
                {formatDateTime(locale, r.startsAt, timeZone)} – {formatDateTime(locale, r.endsAt, timeZone)}
              </p>
              <p className="muted">
                {t("attendance.host.hostedBy", { name: r.hostName })} ·{" "}
                {t("attendance.host.counts", { registered: r.registered, attended: r.attended })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function HostSessionsPage() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("attendance.host.listTitle")}</h1>
      <p className="lead">{t("attendance.host.listIntro")}</p>
      <SessionList rows={upcoming} heading={t("attendance.host.upcoming")} id="upcoming-heading" />
      <SessionList rows={past} heading={t("attendance.host.past")} id="past-heading" />
    </div>
  );
}
