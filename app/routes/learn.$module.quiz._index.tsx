import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { QuizRules } from "~/components/quiz-rules";
import { useI18n, useT } from "~/components/use-t";
import { formatDateTime } from "~/i18n/format";
import { getConfig } from "~/config.server";
import { requireLearnerModule } from "~/learning/access.server";
import { moduleView } from "~/learning/module-view.server";
import { startAttempt } from "~/learning/quiz.server";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, "quiz.titleFor", { title: data?.view.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mod, locale, broken } = await requireLearnerModule(request, params.module);
  const view = await moduleView(user, mod, locale);
  if (view.status.openAttemptId && !broken) throw redirect(`/learn/${mod.slug}/quiz/${view.status.openAttemptId}`);
  return { view, broken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mod, t, locale, broken } = await requireLearnerModule(request, params.module);
  if (broken) return data({ error: t("learn.beingUpdated") }, { status: 409 });
  const result = await startAttempt(user, mod);
  if (result.ok) throw redirect(`/learn/${mod.slug}/quiz/${result.attemptId}`);
  const error =
    result.reason === "cooldown" && result.until
      ? t("learn.lockedUntil", { time: formatDateTime(locale, result.until, getConfig().timeZone) })
      : result.reason === "lessons-incomplete"
        ? t("module.quizAfterLessons")
        : result.reason === "already-passed"
          ? t("quiz.alreadyPassed")
          : t("learn.noAttemptsLeft");
  return data({ error }, { status: 409 });
}

export default function QuizStart() {
  const { view, broken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const s = view.status;
  const canStart = !broken && s.lessonsDone === s.lessonsTotal && (s.status === "ready-for-quiz" || s.status === "failed" || s.status === "expired");
  return (
    <div className="narrow">
      <p>
        <Link to={`/learn/${view.slug}`}>← {view.title}</Link>
      </p>
      <h1>{t("quiz.titleFor", { title: view.title })}</h1>
      <FormAlert message={actionData?.error} />
      <QuizRules settings={view.settings} questions={view.questionsPerAttempt} attemptsUsed={s.attemptsUsed} />
      {s.status === "passed" ? <p className="notice">{t("quiz.alreadyPassed")}</p> : null}
      {s.status === "locked" ? (
        <p className="notice">
          {s.lockedUntil ? t("learn.lockedUntil", { time: formatDateTime(locale, s.lockedUntil, timeZone) }) : t("learn.noAttemptsLeft")}
        </p>
      ) : null}
      {s.lessonsDone < s.lessonsTotal && s.status !== "passed" ? (
        <p className="notice">
          {t("module.quizAfterLessons")} <Link to={s.resumeTo}>{t("learn.resume")}</Link>
        </p>
      ) : null}
      {canStart ? (
        <Form method="post">
          <button type="submit" name="intent" value="start" className="button button--primary">
            {t("quiz.start")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
