// Trainers and admins: the feedback summaries of every module and live session.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FeedbackSummaryView } from "~/components/feedback-summary";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { trainerFeedbackData } from "~/feedback/feedback-page.server";
import { formatDateTime } from "~/i18n/format";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "attendance.feedback.trainerTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  return trainerFeedbackData(request);
}

export default function TrainerFeedbackPage() {
  const { anonymous, modules, sessions } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  return (
    <div>
      <h1>{t("attendance.feedback.trainerTitle")}</h1>
      <p className="lead">{t(anonymous ? "attendance.feedback.anonymousNote" : "attendance.feedback.namedNote")}</p>
      <section aria-labelledby="module-feedback">
        <h2 id="module-feedback">{t("attendance.feedback.modules")}</h2>
        {modules.length === 0 ? <p>{t("attendance.feedback.noneYet")}</p> : null}
        {modules.map((m) => (
          <article key={m.id} aria-labelledby={`m-${m.id}`}>
            <h3 id={`m-${m.id}`}>{m.title}</h3>
            <FeedbackSummaryView summary={m.summary} id={`module-${m.id}`} />
          </article>
        ))}
      </section>
      <section aria-labelledby="session-feedback">
        <h2 id="session-feedback">{t("attendance.feedback.sessions")}</h2>
        {sessions.length === 0 ? <p>{t("attendance.feedback.noneYet")}</p> : null}
        {sessions.map((s) => (
          <article key={s.id} aria-labelledby={`s-${s.id}`}>
            <h3 id={`s-${s.id}`}>
              <Link to={`/host/sessions/${s.id}`}>{s.title}</Link>
            </h3>
            <p className="muted">{formatDateTime(locale, s.startsAt, timeZone)}</p>
            <FeedbackSummaryView summary={s.summary} id={`session-${s.id}`} />
          </article>
        ))}
      </section>
    </div>
  );
}
