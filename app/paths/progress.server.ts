// What a learner sees of their learning paths: progress, what comes next, which modules wait for
// an earlier one, and the lock the lesson and quiz routes enforce.
import type { User } from "lucia";
import { certificateStatus, certificatesOf } from "~/certificates/issue.server";
import { pick, type ContentPath } from "~/content/model";
import type { ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import type { Locale } from "~/db/schema";
import { assignmentsForUser, isOverdue } from "~/learning/assignments.server";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { pathAssignmentsForUser, publishedPaths } from "./assignments.server";
import { pathCertificatesOf } from "./certificates.server";
import { pathOrder } from "./order";

import type { PathView } from "./path-progress-types";

export type { PathView };

async function certifiedModules(userId: string, now: Date) {
  const certs = await certificatesOf(userId);
  return new Set(certs.filter((c) => certificateStatus(c, now) === "valid").map((c) => c.moduleSlug));
}

function viewOf(
  path: ContentPath,
  state: ContentState,
  locale: Locale,
  certified: ReadonlySet<string>,
  dueDate: string | null,
  today: string,
  cert: { id: string; code: string; issuedAt: Date } | undefined,
  assignedModules: ReadonlySet<string>,
): PathView {
  const order = pathOrder(path, certified);
  // moduleLock's exception: a module HR also assigned on its own is open.
  for (const slug of assignedModules) order.locked.delete(slug);
  const title = (slug: string) => {
    const mod = state.modules.get(slug);
    return mod ? pick(mod.title, locale) : slug;
  };
  return {
    slug: path.slug,
    title: pick(path.title, locale),
    description: pick(path.description, locale),
    audience: pick(path.audience, locale),
    inOrder: path.inOrder,
    hours: path.hours,
    done: order.done,
    total: order.total,
    next: order.next ? { slug: order.next, title: title(order.next) } : null,
    dueDate,
    // A path is done when it has its certificate (or, before one could be issued, every module).
    overdue: dueDate ? isOverdue(dueDate, Boolean(cert) || order.next === null, today) : false,
    steps: path.moduleSlugs.map((slug) => ({
      slug,
      title: title(slug),
      hours: state.modules.get(slug)?.settings.hours ?? 0,
      certified: certified.has(slug),
      locked: order.locked.has(slug),
      next: order.next === slug,
    })),
    certificate: cert ? { id: cert.id, code: cert.code, issuedAt: cert.issuedAt.toISOString() } : null,
  };
}

/** The learner's assigned paths (soonest due first), for /learn. */
export async function myPaths(user: User, state: ContentState, locale: Locale, timeZone: string, now = clockNow()): Promise<PathView[]> {
  const assigned = await pathAssignmentsForUser(user);
  if (assigned.size === 0) return [];
  const [certified, pathCerts, modules] = await Promise.all([
    certifiedModules(user.id, now),
    pathCertificatesOf(getDb(), user.id),
    assignmentsForUser(user),
  ]);
  const today = todayIn(timeZone, now);
  const direct = new Set(modules.keys());
  return publishedPaths(state)
    .filter((p) => assigned.has(p.slug))
    .map((p) =>
      viewOf(
        p,
        state,
        locale,
        certified,
        assigned.get(p.slug)!.dueDate,
        today,
        pathCerts.find((c) => c.pathSlug === p.slug),
        direct,
      ),
    )
    .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
}

/** One path's page: any published path, with the learner's progress and due date if assigned. */
export async function pathPage(
  user: User,
  state: ContentState,
  slug: string,
  locale: Locale,
  timeZone: string,
  now = clockNow(),
): Promise<PathView | null> {
  const path = publishedPaths(state).find((p) => p.slug === slug);
  if (!path) return null;
  const [assigned, certified, pathCerts, modules] = await Promise.all([
    pathAssignmentsForUser(user),
    certifiedModules(user.id, now),
    pathCertificatesOf(getDb(), user.id),
    assignmentsForUser(user),
  ]);
  const cert = pathCerts.find((c) => c.pathSlug === slug);
  // Only a path assigned to the learner locks anything (moduleLock); another path's page shows its order only.
  const open = assigned.has(slug) ? new Set(modules.keys()) : new Set(path.moduleSlugs);
  return viewOf(path, state, locale, certified, assigned.get(slug)?.dueDate ?? null, todayIn(timeZone, now), cert, open);
}

export type ModuleLock = { pathSlug: string; pathTitle: string; waitFor: { slug: string; title: string } };

/**
 * Why a module is closed to this learner, or null: it is in an in-order path assigned to them and
 * an earlier module of that path has no valid certificate. A module HR also assigned on its own,
 * or one the learner already holds a certificate for, is never locked (ADR 0031).
 */
export async function moduleLock(user: User, state: ContentState, moduleSlug: string, locale: Locale, now = clockNow()): Promise<ModuleLock | null> {
  const ordered = publishedPaths(state).filter((p) => p.inOrder && p.moduleSlugs.includes(moduleSlug) && p.moduleSlugs[0] !== moduleSlug);
  if (ordered.length === 0) return null;
  const assigned = await pathAssignmentsForUser(user);
  const followed = ordered.filter((p) => assigned.has(p.slug));
  if (followed.length === 0) return null;
  const certified = await certifiedModules(user.id, now);
  if (certified.has(moduleSlug)) return null;
  for (const path of followed) {
    const order = pathOrder(path, certified);
    if (!order.locked.has(moduleSlug)) continue;
    if ((await assignmentsForUser(user)).has(moduleSlug)) return null;
    const waitFor = order.next!;
    const mod = state.modules.get(waitFor);
    return { pathSlug: path.slug, pathTitle: pick(path.title, locale), waitFor: { slug: waitFor, title: mod ? pick(mod.title, locale) : waitFor } };
  }
  return null;
}
