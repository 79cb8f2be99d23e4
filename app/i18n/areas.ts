// Which catalog area a page belongs to, by its path. Shared by the root loader (server) and its
// shouldRevalidate (browser), so it must not import the catalogs themselves.
export type Area = "attendance" | "certificates" | "content" | "hr" | "notifications" | "practice" | "reports" | "sessions";

const AREA_PATHS: [RegExp, Area][] = [
  // Before practice (/learn/<module>…) and reports (/trainer…): the live-session attendance and feedback pages.
  [/^\/(host\/sessions|trainer\/feedback)(\/|$)|^\/(sessions\/[^/]+|learn\/[^/]+)\/(check-in|feedback)\/?$/, "attendance"],
  [/^\/(review(\/|$)|admin\/mentors(\/|$)|learn\/[^/]+(\/?$|\/tasks\/))/, "practice"],
  [/^\/(certificates|verify)(\/|$)|^\/hr\/certificates/, "certificates"],
  [/^\/content(\/|$)/, "content"],
  [/^\/(notifications|forgot-password|unsubscribe|account|admin\/outbox|hr\/unit-leads)(\/|$)/, "notifications"],
  [/^\/(admin|hr\/import|hr\/assignments|hr\/paths)(\/|$|\.)/, "hr"],
  [/^\/(sessions|trainer\/sessions)(\/|$)/, "sessions"],
  [/^\/(hr\/report|hr\/dashboard|trainer)(\/|$|\.)/, "reports"],
];

export function areaOf(pathname: string): Area | null {
  return AREA_PATHS.find(([pattern]) => pattern.test(pathname))?.[1] ?? null;
}
