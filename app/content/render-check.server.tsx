import type { AnchorHTMLAttributes } from "react";
import { renderToString } from "react-dom/server";
import { mdxComponents } from "~/components/mdx/components";
import { lessonModuleUrl, loadedLesson } from "~/components/mdx/lesson-module";
import { LessonContext } from "~/components/mdx/lesson-context";
import { I18nContext } from "~/components/use-t";
import { catalogs } from "~/i18n";
import { moduleHash } from "./compile.server";
import type { ContentProblem, LessonTranslation } from "./model";

// A lesson can compile and still fail when shown: `{visitors}` in the text is read as code, and
// the name exists nowhere. Rendering each lesson once, when content loads, turns that into a
// problem with file and line (the module is then "being updated" for staff) instead of a 500.

const results = new Map<string, ContentProblem | null>();

// Outside a router, in-app links render as plain links: only whether the lesson renders matters.
const PlainLink = (props: AnchorHTMLAttributes<HTMLAnchorElement>) => <a {...props} />;

function lineOfName(t: LessonTranslation, pattern: RegExp) {
  const lines = t.body.split("\n");
  const i = lines.findIndex((l) => pattern.test(l));
  return t.bodyLine + Math.max(0, i);
}

export function explainRenderError(t: LessonTranslation, error: unknown): ContentProblem {
  const message = error instanceof Error ? error.message : String(error);
  const missingName = /^(\w+) is not defined/.exec(message)?.[1];
  if (missingName) {
    return {
      file: t.file,
      line: lineOfName(t, new RegExp(`\\{[^}]*\\b${missingName}\\b`)),
      message: `the lesson fails when shown: {${missingName}} is read as code and nothing is called ${missingName}; to show the braces as text write \\{${missingName}\\} or put it in backticks`,
      severity: "error",
    };
  }
  const missingComponent = /component `([\w.]+)` to be defined/.exec(message)?.[1];
  if (missingComponent) {
    return { file: t.file, line: lineOfName(t, new RegExp(`<${missingComponent}\\b`)), message: `the lesson fails when shown: no component ${missingComponent}`, severity: "error" };
  }
  return { file: t.file, line: t.bodyLine, message: `the lesson fails when shown: ${message.split("\n")[0]}`, severity: "error" };
}

/** Renders a compiled lesson module (compileLesson loaded it) once per content hash; a problem when it throws. */
export function renderCheck(t: LessonTranslation, code: string): ContentProblem | null {
  if (results.has(t.hash)) return results.get(t.hash)!;
  let problem: ContentProblem | null = null;
  try {
    const Component = loadedLesson(lessonModuleUrl(moduleHash(code)));
    if (!Component) throw new Error("its compiled module is not loaded");
    const messages = catalogs[t.locale];
    renderToString(
      <I18nContext.Provider value={{ locale: t.locale, messages, timeZone: "UTC" }}>
        <LessonContext.Provider value={{ moduleSlug: "check", assetBase: "/check" }}>
          <Component components={{ ...mdxComponents, a: PlainLink }} />
        </LessonContext.Provider>
      </I18nContext.Provider>,
    );
  } catch (error) {
    problem = explainRenderError(t, error);
  }
  results.set(t.hash, problem);
  return problem;
}
