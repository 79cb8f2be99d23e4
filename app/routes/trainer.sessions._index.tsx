import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { DataTable } from "~/components/hr/data-table";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { formatSessionTime } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { listSessionsForTrainer } from "~/sessions/queries.server";
import type { SessionCard } from "~/sessions/session-types";
import { clockNow } from "~/utils/clock.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "sessions.trainer.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "sessions.manage");
  const locale = await resolveLocale(request, user);
  return listSessionsForTrainer(user, await getContent(), locale, clockNow());
}

function SessionTable({ rows, label }: { rows: SessionCard[]; label: string }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <DataTable
      label={label}
      empty={rows.length === 0 ? t("sessions.none") : null}
      headers={[t("sessions.trainer.name"), t("sessions.when"), t("sessions.host"), t("sessions.trainer.counts"), t("sessions.trainer.status")]}
    >
      {rows.map((s) => (
        <tr key={s.id}>
          <td>
            <Link to={`/trainer/sessions/${s.id}`}>{s.title}</Link>
          </td>
          <td>{formatSessionTime(locale, s.startsAt, s.endsAt, timeZone)}</td>
          <td>{s.hostName}</td>
          <td>{t("sessions.trainer.countsValue", { registered: s.registered, waitlisted: s.waitlisted, capacity: s.capacity })}</td>
          <td>{s.status === "cancelled" ? t("sessions.trainer.cancelledStatus") : t("sessions.trainer.scheduled")}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export default function TrainerSessionsPage() {
  const { upcoming, past } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("sessions.trainer.title")}</h1>
      <p className="lead">{t("sessions.trainer.intro")}</p>
      <p>
        <Link to="/trainer/sessions/new" className="button button--primary" data-main-action>
          {t("sessions.trainer.new")}
        </Link>
      </p>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t("sessions.trainer.upcoming")}</h2>
        <SessionTable rows={upcoming} label={t("sessions.trainer.upcoming")} />
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t("sessions.trainer.past")}</h2>
        <SessionTable rows={past} label={t("sessions.trainer.past")} />
      </section>
    </div>
  );
}
