import { useMemo } from "react";
import type { Locale } from "~/db/schema/users";
import type { Messages } from "~/i18n/translate";
import { I18nContext, useI18n } from "../use-t";
import { mdxComponents } from "./components";
import { LessonContext, type LessonLinks } from "./lesson-context";
import { lessonLoadError, loadedLesson, loadLesson, type LessonModuleRef } from "./lesson-module";

/** The component labels (Tip, Do, Key takeaways…) in the lesson's language, from `mdxLabels()`. */
export type LessonLabels = { lang: Locale; messages: Partial<Messages> };

/**
 * The lesson's own content. The server loaded every lesson module at start-up; the browser
 * loads the page's module before it hydrates (entry.client.tsx). After a client-side
 * navigation the module may still be on its way: rendering suspends, and since Remix renders
 * navigations in a transition, the previous page stays on screen until the lesson can show.
 */
function LessonContent({ lesson }: { lesson: LessonModuleRef }) {
  const Component = loadedLesson(lesson.url);
  if (Component) return <Component components={mdxComponents} />;
  if (typeof document === "undefined") throw new Error(`Lesson module ${lesson.url} is not loaded on the server`);
  const error = lessonLoadError(lesson.url);
  if (error) throw error;
  throw loadLesson(lesson.url);
}

export function LessonBody({ lesson, links, labels }: { lesson: LessonModuleRef; links: LessonLinks; labels?: LessonLabels }) {
  const outer = useI18n();
  // A lesson shown in the other language (a missing translation, a preview) keeps its labels in
  // the language of its text: "Kiat" beside Indonesian text, "Tip" beside English.
  const i18n = useMemo(
    () => (labels ? { ...outer, locale: labels.lang, messages: { ...outer.messages, ...labels.messages } as Messages } : outer),
    [outer, labels],
  );
  return (
    <I18nContext.Provider value={i18n}>
      <LessonContext.Provider value={links}>
        {/* Fetched beside the page's own modules; entry.client.tsx waits for it before hydrating. */}
        <link rel="modulepreload" href={lesson.url} data-lesson-module="" />
        <div className="prose">
          <LessonContent lesson={lesson} />
        </div>
      </LessonContext.Provider>
    </I18nContext.Provider>
  );
}
