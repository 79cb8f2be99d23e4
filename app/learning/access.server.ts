import { redirect } from "@remix-run/node";
import { can } from "~/auth/policy";
import { moduleLock } from "~/paths/progress.server";
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

/**
 * The logged-in learner, the content, and a published module (404 for drafts and unknown slugs).
 * A module locked by an in-order learning path (app/paths/progress.server.ts) sends lessons,
 * quizzes and tasks, reads and posts alike, to the module page, which says what to finish
 * first; only that page asks for `allowLocked`.
 */
export async function requireLearnerModule(request: Request, moduleSlug: string | undefined, { allowLocked = false } = {}) {
  const user = await requireCan(request, "learning.take");
  const state = await getContent();
  const mod = moduleSlug ? findModule(state, moduleSlug, "staff") : null;
  if (!mod && moduleSlug && isBeingUpdated(state, moduleSlug)) beingUpdated();
  if (!mod) notFound();
  const { locale, t } = await getTranslator(request, user);
  const lock = await moduleLock(user, state, mod.slug, locale);
  if (lock && !allowLocked) throw redirect(`/learn/${mod.slug}`);
  return { user, state, mod, locale, t, lock, broken: state.broken.has(mod.slug), canSeeProblems: can(user, "content.preview") };
}
