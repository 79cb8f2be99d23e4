import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { QuestionFieldset, ReviewedQuestion } from "~/components/quiz-question";
import { useI18n, useT } from "~/components/use-t";
import { formatPercent } from "~/i18n/format";
import { notFound, requireLearnerModule } from "~/learning/access.server";
import { openAttemptView, resultView } from "~/learning/quiz-view.server";
import { quizOutcome } from "~/learning/quiz-outcome.server";
import { QuizOutcomeView } from "~/components/quiz-outcome";
import { getOwnAttempt, saveAnswers, submitAttempt } from "~/learning/quiz.server";
import { answersFromForm } from "~/learning/grading.server";
import { pick } from "~/content/model";
import { pageMeta } from "~/components/meta";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, "quiz.titleFor", { title: data?.moduleTitle ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mod, locale, broken } = await requireLearnerModule(request, params.module);
  const attempt = await getOwnAttempt(user, routeParam(params, "attemptId"), mod.slug);
  if (!attempt || !mod.quiz) notFound();
  const base = { moduleSlug: mod.slug, moduleTitle: pick(mod.title, locale), attemptNumber: attempt.attemptNumber };
  if (attempt.submittedAt) {
    return { ...base, kind: "result" as const, result: resultView(mod, attempt, locale), outcome: await quizOutcome(user, mod, attempt, locale) };
  }
  if (broken) return { ...base, kind: "unavailable" as const };
  return { ...base, kind: "open" as const, questions: openAttemptView(mod, attempt, locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mod, locale, broken } = await requireLearnerModule(request, params.module);
  const attempt = await getOwnAttempt(user, routeParam(params, "attemptId"), mod.slug);
  if (!attempt || !mod.quiz) notFound();
  if (broken && !attempt.submittedAt) throw redirect(`/learn/${mod.slug}`);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "save" && !attempt.submittedAt) {
    const read = answersFromForm(mod.quiz, attempt.draw, form);
    if (!read.ok) return data({ unanswered: [], invalid: read.errors, questions: openAttemptView(mod, attempt, locale) }, { status: 400 });
    await saveAnswers(user, attempt, read.answers);
    throw redirect(`/learn/${mod.slug}`);
  }
  if (intent !== "submit" && intent !== "save") throw new Response("Bad request", { status: 400 });
  const result = await submitAttempt(user, mod, attempt, form, locale);
  if (!result.ok && result.reason === "invalid") {
    return data({ unanswered: [], invalid: result.errors, questions: openAttemptView(mod, attempt, locale) }, { status: 400 });
  }
  if (!result.ok) {
    return data({ unanswered: result.unanswered, invalid: {}, questions: openAttemptView(mod, attempt, locale, result.answers) }, { status: 400 });
  }
  throw redirect(`/learn/${mod.slug}/quiz/${attempt.id}`);
}

function OpenAttempt() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  if (loaderData.kind !== "open") return null;
  const questions = actionData?.questions ?? loaderData.questions;
  const unanswered = new Set(actionData?.unanswered ?? []);
  const invalid: Partial<Record<string, MessageKey>> = actionData?.invalid ?? {};
  const firstUnanswered = questions.find((q) => unanswered.has(q.id) || invalid[q.id])?.id;
  // A field for a question this attempt did not draw has no fieldset to mark: said above the form.
  const strayFields = Object.keys(invalid).filter((id) => !questions.some((q) => q.id === id));
  return (
    <div className="narrow">
      <p>
        <Link to={`/learn/${loaderData.moduleSlug}`}>← {loaderData.moduleTitle}</Link>
      </p>
      <h1>{t("quiz.attemptTitle", { title: loaderData.moduleTitle, n: loaderData.attemptNumber })}</h1>
      {Object.keys(invalid).length > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>{t("quiz.answersRefused")}</p>
          <ul>
            {questions.map((q, i) =>
              invalid[q.id] ? (
                <li key={q.id}>
                  <a href={`#q-${q.id}`}>{t("quiz.questionN", { n: i + 1 })}</a>: {t(invalid[q.id]!)}
                </li>
              ) : null,
            )}
            {strayFields.map((id) => (
              <li key={id}>{t(invalid[id]!)}</li>
            ))}
          </ul>
        </div>
      ) : unanswered.size > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>{t("quiz.unanswered", { count: unanswered.size })}</p>
          <ul>
            {questions.map((q, i) =>
              unanswered.has(q.id) ? (
                <li key={q.id}>
                  <a href={`#q-${q.id}`}>{t("quiz.questionN", { n: i + 1 })}</a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="quiz" noValidate>
        {questions.map((q, i) => (
          <QuestionFieldset
            key={q.id}
            question={q}
            n={i + 1}
            invalid={unanswered.has(q.id) || Boolean(invalid[q.id])}
            error={invalid[q.id]}
            focus={q.id === firstUnanswered}
            mainAction={i === 0}
          />
        ))}
        {/* Next to the buttons it explains, so on a phone the first question comes right after the heading. */}
        <p className="muted">{t("quiz.instructions")}</p>
        <div className="actions">
          <button type="submit" name="intent" value="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
            {t("quiz.submit")}
          </button>
          <button type="submit" name="intent" value="save" className="button">
            {t("quiz.saveForLater")}
          </button>
        </div>
      </Form>
    </div>
  );
}

function Result() {
  const loaderData = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // After a client-side submit the new page does not get focus by itself: move it to the
  // result, so keyboard and screen-reader users land on it (autoFocus covers no-JS loads).
  useEffect(() => {
    heading.current?.focus();
  }, [loaderData.attemptNumber]);
  if (loaderData.kind !== "result") return null;
  const r = loaderData.result;
  return (
    <div className="narrow">
      <p>
        <Link to={`/learn/${loaderData.moduleSlug}`}>← {loaderData.moduleTitle}</Link>
      </p>
      <div className={`result result--${r.passed ? "passed" : "failed"}`} role="status" aria-live="polite" aria-atomic="true">
        <h1 tabIndex={-1} autoFocus ref={heading}>
          {r.passed ? t("quiz.resultPassed") : t("quiz.resultFailed")}
        </h1>
        <p className="result__score">
          {t("quiz.scoreLine", {
            score: formatPercent(locale, r.score),
            correct: r.correctCount,
            total: r.total,
            pass: formatPercent(locale, r.passMark),
          })}
        </p>
      </div>
      <QuizOutcomeView outcome={loaderData.outcome} moduleSlug={loaderData.moduleSlug} />
      {r.questions ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t("quiz.review")}</h2>
          {r.questions.map((q, i) => (
            <ReviewedQuestion key={q.id} question={q} n={i + 1} />
          ))}
        </section>
      ) : (
        <p className="muted">{r.revealPolicy === "after-passing" ? t("quiz.answersAfterPassing") : t("quiz.answersNeverShown")}</p>
      )}
    </div>
  );
}

export default function AttemptPage() {
  const loaderData = useLoaderData<typeof loader>();
  const t = useT();
  if (loaderData.kind === "unavailable") {
    return (
      <div className="narrow">
        <h1>{loaderData.moduleTitle}</h1>
        <p className="notice">{t("learn.beingUpdated")}</p>
      </div>
    );
  }
  return loaderData.kind === "result" ? <Result /> : <OpenAttempt />;
}
