import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import type { QuizOutcome } from "~/learning/quiz-outcome-types";
import { useI18n, useT } from "./use-t";

/** The part of a quiz result that says what happens next (see quiz-outcome.server.ts). */
export function QuizOutcomeView({ outcome, moduleSlug }: { outcome: QuizOutcome; moduleSlug: string }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const back = (
    <Link to={`/learn/${moduleSlug}`} className="button">
      {t("quiz.backToModule")}
    </Link>
  );
  switch (outcome.kind) {
    case "certified":
      return (
        <section className="outcome" data-main-action data-outcome="certified">
          <p>{t("result.certified")}</p>
          <p className="actions">
            <a href={`/certificates/${outcome.certificateId}/pdf`} className="button button--primary" download>
              {t("result.downloadCertificate")}
            </a>
            <Link to="/certificates" className="button">
              {t("result.allCertificates")}
            </Link>
            {back}
          </p>
        </section>
      );
    case "awaiting-tasks":
      return (
        <section className="outcome" data-main-action data-outcome="awaiting-tasks" aria-labelledby="outcome-tasks">
          <p>{t("result.awaitingTasks")}</p>
          <h2 id="outcome-tasks">{t("result.tasksHeading")}</h2>
          <ul>
            {outcome.tasks.map((task) => (
              <li key={task.slug} data-standing={task.standing}>
                <Link to={`/learn/${moduleSlug}/tasks/${task.slug}`}>
                  {t("result.taskLine", { task: task.title, standing: t(`result.standing.${task.standing}` as MessageKey) })}
                </Link>
              </li>
            ))}
          </ul>
          <p className="actions">{back}</p>
        </section>
      );
    case "passed":
      return (
        <section className="outcome" data-main-action data-outcome="passed">
          <p>{t("result.passedOnly")}</p>
          <p className="actions">
            <Link to="/certificates" className="button">
              {t("result.allCertificates")}
            </Link>
            {back}
          </p>
        </section>
      );
    case "failed": {
      const next = outcome.next;
      return (
        <section className="outcome" data-main-action data-outcome="failed">
          <p data-next={next.kind}>
            {next.kind === "now"
              ? t("result.nextNow")
              : next.kind === "at"
                ? t("result.nextAt", { time: formatDateTime(locale, next.at, timeZone) })
                : next.kind === "none-left"
                  ? t("result.noneLeft")
                  : t("result.sincePassed")}
          </p>
          {next.kind === "since-passed" ? null : (
            <>
              <h2 id="outcome-reread">{t("result.rereadHeading")}</h2>
              <p>{t("result.rereadIntro")}</p>
              <ul aria-labelledby="outcome-reread">
                {outcome.reread.map((l) => (
                  <li key={l.slug}>
                    <Link to={`/learn/${moduleSlug}/${l.slug}`}>{l.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="actions">
            {next.kind === "now" ? (
              <Link to={`/learn/${moduleSlug}#quiz-heading`} className="button button--primary">
                {t("result.tryAgain")}
              </Link>
            ) : null}
            {back}
          </p>
        </section>
      );
    }
  }
}
