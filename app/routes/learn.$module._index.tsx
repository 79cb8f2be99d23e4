import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { QuizRules } from "~/components/quiz-rules";
import { ProgressBar, StatusBadge } from "~/components/status-badge";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime, formatPercent } from "~/i18n/format";
import { requireLearnerModule } from "~/learning/access.server";
import { moduleView } from "~/learning/module-view.server";
import { StateBadge } from "~/components/practice-parts";
import { taskSummaries } from "~/practice/task-list.server";
import { pageMeta } from "~/components/meta";
import { ModuleFacts } from "~/components/task-preview";
import { pick } from "~/content/model";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.view.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mod, locale, broken: beingUpdated, canSeeProblems, lock } = await requireLearnerModule(request, params.module, { allowLocked: true });
  const [view, tasks] = await Promise.all([moduleView(user, mod, locale), taskSummaries(user, mod, locale)]);
  const facts = { hours: mod.settings.hours, competencies: mod.settings.competencies.map((c) => pick(c, locale)) };
  // A module waiting for an earlier one of its path shows like one being updated: no links in.
  return { view, broken: beingUpdated || lock !== null, beingUpdated, canSeeProblems, tasks, lock, facts };
}

export default function ModulePage() {
  const { view, broken, beingUpdated, canSeeProblems, tasks, lock, facts } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const s = view.status;
  const quizOpen = s.lessonsDone === s.lessonsTotal && (s.status === "ready-for-quiz" || s.status === "failed" || s.status === "expired");
  return (
    <div className="with-aside">
      <div>
        <p>
          <Link to="/learn">← {t("learn.title")}</Link>
        </p>
        <h1>{view.title}</h1>
        <p className="lead">{view.summary}</p>
        <p>
          <StatusBadge status={s.status} />
        </p>
        {lock ? (
          <div className="notice" role="status">
            {t("paths.lockedBy", { path: lock.pathTitle })} <Link to={`/learn/${lock.waitFor.slug}`}>{lock.waitFor.title}</Link>{" "}
            <Link to={`/learn/paths/${lock.pathSlug}`}>{t("paths.seePath")}</Link>
          </div>
        ) : null}
        {beingUpdated ? (
          <div className="notice" role="status">
            {t("learn.beingUpdated")} {canSeeProblems ? <Link to={`/content/${view.slug}`}>{t("content.seeProblems")}</Link> : null}
          </div>
        ) : null}
        <ModuleFacts hours={facts.hours} competencies={facts.competencies} />
        <ProgressBar done={s.lessonsDone} total={s.lessonsTotal} label={t("learn.lessonsProgress", { title: view.title })} />
        <h2>{t("module.lessons")}</h2>
        <ol className="lesson-list">
          {view.lessons.map((l) => (
            <li key={l.slug} className={l.done ? "lesson-list__item--done" : undefined}>
              <span className="lesson-list__check" aria-hidden="true">
                {l.done ? "✓" : ""}
              </span>
              {broken ? <span>{l.title}</span> : <Link to={`/learn/${view.slug}/${l.slug}`}>{l.title}</Link>}
              <span className="muted">
                {" "}
                · {t("module.minutes", { minutes: l.minutes })}
                {l.done ? <span className="visually-hidden"> · {t("module.completed")}</span> : null}
                {l.fallback ? ` · ${t("lesson.otherLanguageShort")}` : null}
              </span>
            </li>
          ))}
        </ol>
        {tasks.length > 0 ? (
          <>
            <h2>{t("practice.tasks")}</h2>
            <p>{t("practice.tasksIntro")}</p>
            <ul className="lesson-list">
              {tasks.map((task) => (
                <li key={task.slug}>
                  {broken ? <span>{task.title}</span> : <Link to={`/learn/${view.slug}/tasks/${task.slug}`}>{task.title}</Link>}{" "}
                  <StateBadge state={task.state} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {!broken ? (
          <p className="actions">
            {s.status === "passed" ? null : (
              <Link to={s.resumeTo} className="button button--primary">
                {s.status === "not-started" ? t("learn.start") : t("learn.resume")}
              </Link>
            )}
            {s.certificateId ? (
              <Link to="/certificates" className="button">
                {t("module.viewCertificate")}
              </Link>
            ) : null}
            {s.certificateId ? (
              <Link to={`/learn/${view.slug}/feedback`} className="button">
                {t("attendance.feedback.giveModule")}
              </Link>
            ) : null}
          </p>
        ) : null}
      </div>
      <aside className="panel" aria-labelledby="quiz-heading">
        <h2 id="quiz-heading">{t("module.quiz")}</h2>
        <QuizRules settings={view.settings} questions={view.questionsPerAttempt} attemptsUsed={s.attemptsUsed} />
        {s.status === "locked" ? (
          <p className="notice">
            {s.lockedUntil ? t("learn.lockedUntil", { time: formatDateTime(locale, s.lockedUntil, timeZone) }) : t("learn.noAttemptsLeft")}
          </p>
        ) : null}
        {s.lessonsDone < s.lessonsTotal && s.status !== "passed" ? <p className="muted">{t("module.quizAfterLessons")}</p> : null}
        {quizOpen && !broken ? (
          <Form method="post" action={`/learn/${view.slug}/quiz`}>
            <button type="submit" name="intent" value="start" className="button button--primary">
              {s.openAttemptId ? t("quiz.resume") : t("quiz.start")}
            </button>
          </Form>
        ) : null}
        {view.attempts.length > 0 ? (
          <>
            <h3>{t("module.pastAttempts")}</h3>
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t("module.date")}</th>
                  <th scope="col">{t("module.score")}</th>
                  <th scope="col">{t("module.result")}</th>
                </tr>
              </thead>
              <tbody>
                {view.attempts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/learn/${view.slug}/quiz/${a.id}`}>{a.number}</Link>
                    </td>
                    <td>{formatDateTime(locale, a.submittedAt, timeZone)}</td>
                    <td>{formatPercent(locale, a.score)}</td>
                    <td>{a.passed ? t("quiz.passed") : t("quiz.failed")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </aside>
    </div>
  );
}
