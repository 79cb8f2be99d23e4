import { getMDXComponent } from "mdx-bundler/client/index.js";
import { useMemo, type ComponentType } from "react";
import type { Locale } from "~/db/schema/users";
import type { Messages } from "~/i18n/translate";
import { I18nContext, useI18n } from "../use-t";
import { mdxComponents } from "./components";
import { LessonContext, type LessonLinks } from "./lesson-context";

type MdxComponent = ComponentType<{ components?: Record<string, unknown> }>;

// Evaluating compiled code is cheap but not free: keep one component per code hash, on the
// server across requests and in the browser across navigations.
const components = new Map<string, MdxComponent>();

export function componentFor(hash: string, code: string): MdxComponent {
  let c = components.get(hash);
  if (!c) {
    c = getMDXComponent(code) as MdxComponent;
    if (components.size > 500) components.clear();
    components.set(hash, c);
  }
  return c;
}

/** The component labels (Tip, Do, Key takeaways…) in the lesson's language, from `mdxLabels()`. */
export type LessonLabels = { lang: Locale; messages: Partial<Messages> };

export function LessonBody({ code, hash, links, labels }: { code: string; hash: string; links: LessonLinks; labels?: LessonLabels }) {
  const Component = useMemo(() => componentFor(hash, code), [hash, code]);
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
        <div className="prose">
          <Component components={mdxComponents} />
        </div>
      </LessonContext.Provider>
    </I18nContext.Provider>
  );
}
