import { can } from "~/auth/policy";
import { requireCan } from "~/auth/policy.server";
import { findModule, getContent } from "~/content/registry.server";
import { getTranslator } from "~/i18n/locale.server";

export function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

/**
 * A module whose module.yaml does not validate (unless it still says draft) is being updated, not
 * gone: 503 with Retry-After, which the root boundary shows as a friendly page (ADR 0033).
 */
function isBeingUpdated(state: Awaited<ReturnType<typeof getContent>>, slug: string) {
  const failed = state.unavailable.get(slug);
  return failed !== undefined && failed.status !== "draft";
}

export function beingUpdated(): never {
  throw new Response("Being updated", { status: 503, statusText: "Service Unavailable", headers: { "Retry-After": "300" } });
}

/** The logged-in learner, the content, and a published module (404 for drafts and unknown slugs). */
export async function requireLearnerModule(request: Request, moduleSlug: string | undefined) {
  const user = await requireCan(request, "learning.take");
  const state = await getContent();
  const mod = moduleSlug ? findModule(state, moduleSlug, "staff") : null;
  if (!mod && moduleSlug && isBeingUpdated(state, moduleSlug)) beingUpdated();
  if (!mod) notFound();
  const { locale, t } = await getTranslator(request, user);
  return { user, state, mod, locale, t, broken: state.broken.has(mod.slug), canSeeProblems: can(user, "content.preview") };
}
