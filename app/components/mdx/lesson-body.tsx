import { getMDXComponent } from "mdx-bundler/client/index.js";
import { useMemo, type ComponentType } from "react";
import { mdxComponents } from "./components";
import { LessonContext, type LessonLinks } from "./lesson-context";

type MdxComponent = ComponentType<{ components?: Record<string, unknown> }>;

// Evaluating compiled code is cheap but not free: keep one component per code hash, on the
// server across requests and in the browser across navigations.
const components = new Map<string, MdxComponent>();

function componentFor(hash: string, code: string): MdxComponent {
  let c = components.get(hash);
  if (!c) {
    c = getMDXComponent(code) as MdxComponent;
    if (components.size > 500) components.clear();
    components.set(hash, c);
  }
  return c;
}

export function LessonBody({ code, hash, links }: { code: string; hash: string; links: LessonLinks }) {
  const Component = useMemo(() => componentFor(hash, code), [hash, code]);
  return (
    <LessonContext.Provider value={links}>
      <div className="prose">
        <Component components={mdxComponents} />
      </div>
    </LessonContext.Provider>
  );
}
