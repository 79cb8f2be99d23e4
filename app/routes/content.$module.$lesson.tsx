import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { lessonPreview } from "~/content/preview.server";
import { getContent } from "~/content/registry.server";
import { LessonBody } from "~/components/mdx/lesson-body";
import { useT } from "~/components/use-t";
import { resolveLocale } from "~/i18n/locale.server";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

const PreviewQuerySchema = z.object({ lang: z.enum(["en", "id"]).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "content.preview");
  const { lang } = PreviewQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = lang ?? (await resolveLocale(request, user));
  return lessonPreview(user, await getContent(), params.module ?? "", params.lesson ?? "", locale);
}

export default function LessonPreview() {
  const l = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="narrow">
      <p>
        <Link to={`/content/${l.moduleSlug}`}>← {l.moduleTitle}</Link>
      </p>
      <p className="notice">{t("content.previewNote")}</p>
      <article lang={l.lang}>
        <h1>{l.title}</h1>
        {l.fallback ? <p className="notice">{t("lesson.otherLanguage")}</p> : null}
        {l.code ? (
          <LessonBody code={l.code} hash={l.hash} links={{ moduleSlug: l.moduleSlug, assetBase: l.assetBase }} />
        ) : (
          <>
            <p className="alert alert--error">{t("content.brokenLesson")}</p>
            <ul>
              {l.problems.map((p, i) => (
                <li key={i}>
                  <code>
                    {p.file}:{p.line}
                  </code>{" "}
                  {p.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
    </div>
  );
}
