// A quiz question as the learner answers it, and as it reads in the review after grading.
import type { GradedQuestion, OpenQuestion } from "~/learning/quiz-view-types";
import { PostStem } from "./post-stem";
import { useT } from "./use-t";
import type { MessageKey } from "~/i18n";

export function QuestionFieldset({
  question: q,
  n,
  invalid,
  error,
  focus,
  mainAction = false,
}: {
  question: OpenQuestion;
  n: number;
  invalid: boolean;
  /** What was wrong with a refused answer; without it an invalid question is unanswered. */
  error?: MessageKey;
  focus: boolean;
  /** The first question's options are the quiz page's main action (data-main-action, for the phone-first check). */
  mainAction?: boolean;
}) {
  const t = useT();
  return (
    <fieldset
      id={`q-${q.id}`}
      className={`question${invalid ? " question--invalid" : ""}`}
      aria-describedby={invalid ? `q-${q.id}-error` : undefined}
    >
      <legend>
        <span className="question__number">{t("quiz.questionN", { n })}</span> {q.prompt}
      </legend>
      {q.post ? <PostStem post={q.post} /> : null}
      <p className="muted">{q.multiple ? t("quiz.selectAll") : t("quiz.selectOne")}</p>
      {invalid ? (
        <p className="field__error" id={`q-${q.id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {t(error ?? "quiz.pleaseAnswer")}
        </p>
      ) : null}
      <div className="options" data-main-action={mainAction ? true : undefined}>
        {q.options.map((o) => (
          <label key={o.position} className="option">
            <input
              type={q.multiple ? "checkbox" : "radio"}
              name={`q.${q.id}`}
              value={o.position}
              defaultChecked={o.selected}
              aria-invalid={invalid ? true : undefined}
              autoFocus={focus && o.position === 0}
            />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ReviewedQuestion({ question: q, n }: { question: GradedQuestion; n: number }) {
  const t = useT();
  return (
    <div className={`review review--${q.correct ? "right" : "wrong"}`}>
      <h3>
        {t("quiz.questionN", { n })}: {q.correct ? t("quiz.answeredRight") : t("quiz.answeredWrong")}
      </h3>
      <p>{q.prompt}</p>
      {q.post ? <PostStem post={q.post} /> : null}
      <ul className="review__options">
        {q.options.map((o, j) => (
          <li key={j} className={o.correct ? "review__option--correct" : o.chosen ? "review__option--chosen-wrong" : undefined}>
            <span>{o.text}</span>
            {o.correct ? <strong> · {t("quiz.correctAnswer")}</strong> : null}
            {o.chosen ? <em> · {t("quiz.yourAnswer")}</em> : null}
            {o.feedback && (o.chosen || o.correct) ? <p className="muted">{o.feedback}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <strong>{t("quiz.explanation")}:</strong> {q.explanation}
      </p>
    </div>
  );
}
