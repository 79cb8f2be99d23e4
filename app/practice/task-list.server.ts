import { and, eq } from "drizzle-orm";
import type { User } from "lucia";
import { pick, type ContentModule } from "~/content/model";
import { getDb } from "~/db/client.server";
import { taskSubmissions, type Locale } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { shownState } from "./submissions.server";

/** A module's tasks with the learner's state of each, for the module page. */
export async function taskSummaries(user: Pick<User, "id">, mod: ContentModule, locale: Locale, now = clockNow()) {
  if (mod.tasks.length === 0) return [];
  const db = getDb();
  const rows = await db
    .select()
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.userId, user.id), eq(taskSubmissions.moduleSlug, mod.slug)));
  return Promise.all(
    mod.tasks.map(async (task) => ({
      slug: task.slug,
      title: pick(task.title, locale),
      state: await shownState(
        db,
        rows.find((r) => r.taskSlug === task.slug),
        now,
      ),
    })),
  );
}
