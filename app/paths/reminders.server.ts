// Reminders for learning paths due in 7 days and tomorrow, planned for the daily scheduler run
// (app/notifications/scheduler.server.ts records and sends them, once per person, path and due
// date, like module reminders). A person holding the path certificate gets none.
import { eq } from "drizzle-orm";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { pathAssignments, pathCertificates, users } from "~/db/schema";
import { dueDatesFor, unitAndAncestors } from "~/learning/assignments.server";
import type { EnqueueInput } from "~/notifications/enqueue.server";
import type { NotificationKind } from "~/notifications/kinds";
import { listOrgUnits } from "~/people/org-units.server";
import { PATH_TARGET_COLUMNS, publishedPaths } from "./assignments.server";

const DAY = 86_400_000;

export async function planPathReminders(today: string) {
  const db = getDb();
  const rows = await db.select(PATH_TARGET_COLUMNS).from(pathAssignments);
  if (rows.length === 0) return [];
  const [people, units, certs, state] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        active: users.active,
        role: users.role,
        orgUnitId: users.orgUnitId,
      })
      .from(users)
      .where(eq(users.active, true)),
    listOrgUnits(),
    db.select({ userId: pathCertificates.userId, pathSlug: pathCertificates.pathSlug }).from(pathCertificates),
    getContent(),
  ]);
  const paths = new Map(publishedPaths(state).map((p) => [p.slug, p]));
  const held = new Set(certs.map((c) => `${c.userId}|${c.pathSlug}`));
  const plan: { person: (typeof people)[number]; item: string; cycle: string; input: EnqueueInput<NotificationKind> }[] = [];
  for (const person of people) {
    for (const [slug, a] of dueDatesFor(rows, person, unitAndAncestors(person.orgUnitId, units))) {
      const path = paths.get(slug);
      if (!path || held.has(`${person.id}|${slug}`)) continue;
      const left = Math.round((Date.parse(a.dueDate) - Date.parse(today)) / DAY);
      const item = `path:${slug}`;
      const data = { path: path.title, pathSlug: slug, dueDate: a.dueDate };
      if (left === 1) plan.push({ person, item, cycle: a.dueDate, input: { kind: "path_due_1d", userId: person.id, data } });
      else if (left > 1 && left <= 7)
        plan.push({ person, item, cycle: a.dueDate, input: { kind: "path_due_7d", userId: person.id, data: { ...data, days: left } } });
    }
  }
  return plan;
}
