import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { z } from "~/utils/zod";
import { lessonPreview } from "~/content/preview.server";
import { getContent } from "~/content/registry.server";
import { contentWatcher } from "~/content/watch.server";
import { useContentLiveReload } from "~/components/mdx/live-reload";
import { LessonBody } from "~/components/mdx/lesson-body";
import { ProblemList } from "~/components/problem-list";
import { useT } from "~/components/use-t";
import { resolveLocale } from "~/i18n/locale.server";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

const PreviewQuerySchema = z.object({ lang: z.enum(["en", "id"]).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "content.preview");
  const { lang } = PreviewQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = lang ?? (await resolveLocale(request, user));
  return { ...lessonPreview(user, await getContent(), params.module ?? "", params.lesson ?? "", locale), live: contentWatcher() !== null };
}

export default function LessonPreview() {
  const l = useLoaderData<typeof loader>();
  const t = useT();
  useContentLiveReload(l.live);
  return (
    <div className="narrow">
      <p>
        <Link to={`/content/${l.moduleSlug}`}>← {l.moduleTitle}</Link>
      </p>
      <p className="notice">{t("content.previewNote")}</p>
      {/* In the trainer's language, outside the lesson's: which version was asked for, which one shows. */}
      {l.fallback ? (
        <p className="notice" data-fallback-notice>
          {t("authoring.fallbackNotice", { wanted: t(`content.lang.${l.requested}`), shown: t(`content.lang.${l.lang}`) })}
        </p>
      ) : null}
      <article lang={l.lang}>
        <h1>{l.title}</h1>
        {l.problems.length > 0 ? (
          <div role="status">
            <p className="alert alert--error">{l.lesson ? t("content.lessonProblems") : t("content.brokenLesson")}</p>
            <ProblemList problems={l.problems} />
          </div>
        ) : null}
        {l.lesson ? <LessonBody lesson={l.lesson} labels={l.labels} links={{ moduleSlug: l.moduleSlug, assetBase: l.assetBase }} /> : null}
      </article>
    </div>
  );
}

/**
 * Last line of defence: a lesson that throws while rendering (which the render check at load
 * should already have caught) shows its error inside the page, not a bare server error.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error)) {
    return (
      <div className="narrow">
        <h1>{error.status === 404 ? t("content.notFound") : error.statusText}</h1>
        <p>
          <Link to="/content">← {t("content.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <p>
        <Link to="/content">← {t("content.back")}</Link>
      </p>
      <p className="alert alert--error">{t("content.brokenLesson")}</p>
      <pre>{error instanceof Error ? error.message : String(error)}</pre>
    </div>
  );
}
