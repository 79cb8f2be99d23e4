import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { SessionCards } from "~/components/session-parts";
import { useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { resolveLocale } from "~/i18n/locale.server";
import { listSessionsForStaff } from "~/sessions/queries.server";
import { clockNow } from "~/utils/clock.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "sessions.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "sessions.join");
  const locale = await resolveLocale(request, user);
  return listSessionsForStaff(user, await getContent(), locale, clockNow());
}

export default function SessionsPage() {
  const { forYou, all } = useLoaderData<typeof loader>();
  const t = useT();
  const mine = new Set(forYou.map((s) => s.id));
  const others = all.filter((s) => !mine.has(s.id));
  return (
    <div>
      <h1>{t("sessions.title")}</h1>
      <p className="lead">{t("sessions.intro")}</p>
      <section aria-labelledby="for-you">
        <h2 id="for-you">{t("sessions.forYou")}</h2>
        <SessionCards sessions={forYou} empty={t("sessions.forYouNone")} mainAction />
      </section>
      <section aria-labelledby="all-upcoming">
        <h2 id="all-upcoming">{t("sessions.allUpcoming")}</h2>
        <SessionCards sessions={others} empty={t("sessions.none")} mainAction={forYou.length === 0} />
      </section>
    </div>
  );
}
