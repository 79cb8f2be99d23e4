// Path progress for HR: per path, how many active people it reaches, how many hold its
// certificate, and how many are past the due date without it. Beside module progress on the
// dashboard and the path assignment page.
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { pick } from "~/content/model";
import type { ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { pathAssignments, pathCertificates, users, type Locale } from "~/db/schema";
import { dueDatesFor, unitAndAncestors } from "~/learning/assignments.server";
import { listOrgUnits } from "~/people/org-units.server";
import { PATH_TARGET_COLUMNS, publishedPaths } from "./assignments.server";

import type { PathProgressRow } from "./path-progress-types";

export type { PathProgressRow };

export async function pathProgressSummary(actor: User, state: ContentState, locale: Locale, today: string): Promise<PathProgressRow[]> {
  assertCan(actor, "reports.read");
  const db = getDb();
  const [rows, people, units, certs] = await Promise.all([
    db.select(PATH_TARGET_COLUMNS).from(pathAssignments),
    db.select({ id: users.id, role: users.role, orgUnitId: users.orgUnitId }).from(users).where(eq(users.active, true)),
    listOrgUnits(),
    db.select({ userId: pathCertificates.userId, pathSlug: pathCertificates.pathSlug }).from(pathCertificates),
  ]);
  const held = new Set(certs.map((c) => `${c.userId}|${c.pathSlug}`));
  const counts = new Map<string, { assigned: number; certified: number; overdue: number }>();
  for (const person of rows.length > 0 ? people : []) {
    // The module rule, applied to path rows (they carry the same target columns).
    const mine = dueDatesFor(rows, person, unitAndAncestors(person.orgUnitId, units));
    for (const [slug, a] of mine) {
      const c = counts.get(slug) ?? { assigned: 0, certified: 0, overdue: 0 };
      c.assigned++;
      if (held.has(`${person.id}|${slug}`)) c.certified++;
      else if (a.dueDate < today) c.overdue++;
      counts.set(slug, c);
    }
  }
  return publishedPaths(state).map((p) => ({
    slug: p.slug,
    title: pick(p.title, locale),
    hours: p.hours,
    modules: p.moduleSlugs.length,
    ...(counts.get(p.slug) ?? { assigned: 0, certified: 0, overdue: 0 }),
  }));
}
