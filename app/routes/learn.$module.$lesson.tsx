import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pick } from "~/content/model";
import { mdxLabels } from "~/content/labels.server";
import { lessonTranslation } from "~/content/registry.server";
import { LessonBody } from "~/components/mdx/lesson-body";
import { ProgressBar } from "~/components/status-badge";
import { useT } from "~/components/use-t";
import { notFound, requireLearnerModule } from "~/learning/access.server";
import { moduleView } from "~/learning/module-view.server";
import { markLessonComplete, recordLessonOpened } from "~/learning/progress.server";
import { pageMeta } from "~/components/meta";
import { isPrefetch } from "~/utils/prefetch.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, { text: data && !data.unavailable ? `${data.title} · ${data.moduleTitle}` : (data?.moduleTitle ?? "") });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, state, mod, locale, broken, canSeeProblems } = await requireLearnerModule(request, params.module);
  const index = mod.lessons.findIndex((l) => l.slug === params.lesson);
  const lesson = mod.lessons[index];
  if (!lesson) notFound();
  const { translation, fallback } = lessonTranslation(lesson, locale);
  const compiled = state.compiled.get(translation.file);
  if (broken || !compiled) {
    return { unavailable: true as const, moduleSlug: mod.slug, moduleTitle: pick(mod.title, locale), canSeeProblems };
  }
  // Hovering an outline link prefetches this loader: only a real visit counts as opening it.
  if (!isPrefetch(request)) await recordLessonOpened(user.id, mod.slug, lesson.slug, translation.minutes);
  const view = await moduleView(user, mod, locale);
  const prev = mod.lessons[index - 1];
  const next = mod.lessons[index + 1];
  return {
    unavailable: false as const,
    moduleSlug: mod.slug,
    moduleTitle: view.title,
    slug: lesson.slug,
    title: translation.title,
    minutes: translation.minutes,
    fallback,
    lang: translation.locale,
    // The lesson's module address, not its code: the browser caches the module for a year.
    lesson: { url: compiled.url },
    labels: mdxLabels(translation.locale),
    assetBase: `/content-assets/${mod.slug}/${mod.contentHash}`,
    outline: view.lessons,
    done: view.lessons[index]!.done,
    lessonsDone: view.status.lessonsDone,
    lessonsTotal: view.status.lessonsTotal,
    position: index + 1,
    prev: prev ? { slug: prev.slug, title: lessonTranslation(prev, locale).translation.title } : null,
    next: next ? { slug: next.slug, title: lessonTranslation(next, locale).translation.title } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mod, locale, broken } = await requireLearnerModule(request, params.module);
  const index = mod.lessons.findIndex((l) => l.slug === params.lesson);
  const lesson = mod.lessons[index];
  if (!lesson || broken) notFound();
  const form = await request.formData();
  if (form.get("intent") !== "complete") throw new Response("Bad request", { status: 400 });
  await markLessonComplete(user.id, mod.slug, lesson.slug, lessonTranslation(lesson, locale).translation.minutes);
  const view = await moduleView(user, mod, locale);
  const next = mod.lessons[index + 1];
  // Completing the last lesson leads to the quiz; otherwise on to the next lesson.
  if (view.status.lessonsDone === view.status.lessonsTotal && view.status.status !== "passed") {
    throw redirect(`/learn/${mod.slug}/quiz`);
  }
  throw redirect(next ? `/learn/${mod.slug}/${next.slug}` : `/learn/${mod.slug}`);
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (data.unavailable) {
    return (
      <div className="narrow">
        <p>
          <Link to={`/learn/${data.moduleSlug}`}>← {data.moduleTitle}</Link>
        </p>
        <h1>{data.moduleTitle}</h1>
        <div className="notice" role="status">
          {t("learn.beingUpdated")} {data.canSeeProblems ? <Link to={`/content/${data.moduleSlug}`}>{t("content.seeProblems")}</Link> : null}
        </div>
      </div>
    );
  }
  return (
    <div className="lesson-layout">
      <nav className="lesson-outline" aria-label={t("lesson.outline")}>
        {/* On a phone the outline folds into a disclosure (no JavaScript), so the lesson's first
            sentence is on the first screen; wider screens show it open beside the lesson. */}
        <details className="lesson-outline__disclosure narrow-only">
          <summary>{t("lesson.outline")}</summary>
          <LessonOutline data={data} />
        </details>
        <div className="wide-only">
          <LessonOutline data={data} />
        </div>
      </nav>
      <article className="lesson" lang={data.lang}>
        <p className="muted">
          {t("lesson.position", { n: data.position, total: data.outline.length })} · {t("module.minutes", { minutes: data.minutes })}
        </p>
        <h1>{data.title}</h1>
        {data.fallback ? (
          <p className="notice" role="note">
            {t("lesson.otherLanguage")}
          </p>
        ) : null}
        <div data-main-action>
          <LessonBody lesson={data.lesson} labels={data.labels} links={{ moduleSlug: data.moduleSlug, assetBase: data.assetBase }} />
        </div>
        <div className="lesson-footer">
          {data.done ? (
            <p className="done-note">
              <span aria-hidden="true">✓ </span>
              {t("lesson.completed")}
            </p>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="complete" className="button button--primary">
                {t("lesson.markComplete")}
              </button>
            </Form>
          )}
          <nav className="pager" aria-label={t("lesson.pager")}>
            {data.prev ? (
              <Link to={`/learn/${data.moduleSlug}/${data.prev.slug}`} rel="prev">
                ← {data.prev.title}
              </Link>
            ) : (
              <span />
            )}
            {data.next ? (
              <Link to={`/learn/${data.moduleSlug}/${data.next.slug}`} rel="next">
                {data.next.title} →
              </Link>
            ) : (
              <Link to={`/learn/${data.moduleSlug}/quiz`}>{t("module.quiz")} →</Link>
            )}
          </nav>
        </div>
      </article>
    </div>
  );
}

type OutlineData = {
  moduleSlug: string;
  moduleTitle: string;
  slug: string;
  lessonsDone: number;
  lessonsTotal: number;
  outline: { slug: string; title: string; done: boolean }[];
};

function LessonOutline({ data }: { data: OutlineData }) {
  const t = useT();
  return (
    <>
      <p className="lesson-outline__module">
        <Link to={`/learn/${data.moduleSlug}`}>{data.moduleTitle}</Link>
      </p>
      <ProgressBar done={data.lessonsDone} total={data.lessonsTotal} label={t("learn.lessonsProgress", { title: data.moduleTitle })} />
      <ol>
        {data.outline.map((l) => (
          <li key={l.slug} className={l.done ? "lesson-list__item--done" : undefined}>
            <span className="lesson-list__check" aria-hidden="true">
              {l.done ? "✓" : ""}
            </span>
            <Link to={`/learn/${data.moduleSlug}/${l.slug}`} aria-current={l.slug === data.slug ? "page" : undefined} prefetch="intent">
              {l.title}
            </Link>
            {l.done ? <span className="visually-hidden"> ({t("module.completed")})</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
