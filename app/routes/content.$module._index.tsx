import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Link, useLoaderData } from "@remix-run/react";
import { modulePreview } from "~/content/preview.server";
import { getContent } from "~/content/registry.server";
import { contentWatcher } from "~/content/watch.server";
import { useContentLiveReload } from "~/components/mdx/live-reload";
import { PostStem } from "~/components/post-stem";
import { ProblemList } from "~/components/problem-list";
import { ModuleFacts, TaskPreviews } from "~/components/task-preview";
import { QuizRules } from "~/components/quiz-rules";
import { useT } from "~/components/use-t";
import { resolveLocale } from "~/i18n/locale.server";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "content.preview");
  const locale = await resolveLocale(request, user);
  return { ...modulePreview(user, await getContent(), params.module ?? "", locale), live: contentWatcher() !== null };
}

export default function ModulePreview() {
  const m = useLoaderData<typeof loader>();
  const t = useT();
  useContentLiveReload(m.live);
  return (
    <div className="narrow">
      <p>
        <Link to="/content">← {t("content.back")}</Link>
      </p>
      <h1>{m.title}</h1>
      <p>
        <span className="badge">{m.status === "draft" ? t("content.draft") : t("content.published")}</span> v{m.majorVersion} ·{" "}
        <code>{m.contentHash}</code>
      </p>
      <p className="lead">{m.summary}</p>
      <h2>{t("content.problems")}</h2>
      {m.problems.length === 0 ? <p>{t("content.noProblems")}</p> : <ProblemList problems={m.problems} />}
      <ModuleFacts hours={m.settings.hours} competencies={m.competencies} />
      <h2>{t("content.lessons")}</h2>
      <ol>
        {m.lessons.map((l) => (
          <li key={l.slug}>
            {l.title} ({t("content.languages")}: {l.languages.join(", ")}){l.compiled ? null : <strong> · {t("content.notCompiled")}</strong>} ·{" "}
            {t("content.previewIn")}{" "}
            <Link to={`/content/${m.slug}/${l.slug}?lang=en`}>
              {t("content.lang.en")}
              <span className="visually-hidden">
                {" "}
                · {t("content.preview")}: {l.title}
              </span>
            </Link>{" "}
            ·{" "}
            <Link to={`/content/${m.slug}/${l.slug}?lang=id`}>
              {t("content.lang.id")}
              <span className="visually-hidden">
                {" "}
                · {t("content.preview")}: {l.title}
              </span>
            </Link>
          </li>
        ))}
      </ol>
      <h2>{t("content.settings")}</h2>
      <QuizRules settings={m.settings} questions={m.quiz?.draw ?? 0} attemptsUsed={0} />
      <h2>{t("authoring.tasks")}</h2>
      <TaskPreviews tasks={m.tasks} linkBase={m.assetBase} />
      <h2>{t("content.answerKey")}</h2>
      {m.quiz ? (
        <>
          <p className="notice">{t("content.answerKeyNote", { draw: m.quiz.draw })}</p>
          {m.quiz.questions.map((q, i) => (
            <div key={q.id} className="review">
              <h3>
                {i + 1}. <Both text={q.prompt} />
              </h3>
              <p className="muted">
                <code>{q.id}</code> · {t(`content.questionType.${q.type}`)}
              </p>
              {q.post ? (
                <>
                  <PostStem post={{ ...q.post, text: q.post.text.en }} />
                  <div lang="id">
                    <PostStem post={{ ...q.post, text: q.post.text.id }} />
                  </div>
                </>
              ) : null}
              <ul className="review__options">
                {q.options.map((o, j) => (
                  <li key={j} className={o.correct ? "review__option--correct" : undefined}>
                    <Both text={o.text} />
                    {o.correct ? <strong> · {t("content.correct")}</strong> : null}
                    {o.feedback ? (
                      <p className="muted">
                        {t("content.feedback")}: <Both text={o.feedback} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
              <p>
                <strong>{t("content.explanation")}:</strong> <Both text={q.explanation} />
              </p>
            </div>
          ))}
        </>
      ) : (
        <p>{t("content.noQuiz")}</p>
      )}
    </div>
  );
}

/** A text in both languages, each marked with its language for screen readers. */
function Both({ text }: { text: { en: string; id: string } }) {
  const t = useT();
  return (
    <span className="bilingual">
      <span lang="en">
        <abbr title={t("content.lang.en")}>EN</abbr> {text.en}
      </span>
      <br />
      <span lang="id">
        <abbr title={t("content.lang.id")}>ID</abbr> {text.id}
      </span>
    </span>
  );
}
