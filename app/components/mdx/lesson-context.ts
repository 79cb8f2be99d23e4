import { createContext, useContext } from "react";

/** Where a lesson's relative links and pictures point. */
export type LessonLinks = { moduleSlug: string; assetBase: string };

export const LessonContext = createContext<LessonLinks>({ moduleSlug: "", assetBase: "" });

export function useLessonLinks() {
  return useContext(LessonContext);
}

export function lessonHref(ref: string, moduleSlug: string) {
  const target = ref.slice("lesson:".length);
  return target.includes("/") ? `/learn/${target}` : `/learn/${moduleSlug}/${target}`;
}

export function assetUrl(src: string, assetBase: string) {
  return `${assetBase}/${src.replace(/^\.\//, "")}`;
}
