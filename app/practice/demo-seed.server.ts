import { and, eq, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { mentorAssignments, mentorProfiles, partnerOrganisations, users } from "~/db/schema";
import { getContent, visibleModules } from "~/content/registry.server";
import { newId } from "~/utils/ids.server";
import { claimSubmission, decideSubmission } from "./review.server";
import { getSubmission, saveDraft, submitWork } from "./submissions.server";

const ORGANISATION = "Kota Harapan Regency Communication Office (Diskominfo)";

function sampleText(min: number) {
  const base =
    "Our library talks to parents of young children, secondary school students and retired readers. We write warmly and plainly, " +
    "we answer within one working day, and we never argue in public: we thank, we explain, and we move private matters to messages. ";
  // Cut at min, then trimmed, the text could end one character short of it (a space at the cut),
  // and the seeded work was never handed in: repeat whole sentences until it is long enough.
  let text = base.trim();
  while (text.length < min) text += ` ${base.trim()}`;
  return text;
}

/**
 * The mentor's partner organisation and modules, and submissions in every state (draft,
 * submitted, in review, changes requested, approved) for the first published module with tasks.
 */
export async function seedPracticeDemo(db: Db, now = new Date()) {
  const state = await getContent();
  const modules = visibleModules(state, "staff").filter((m) => m.tasks.length > 0);
  const mentor = db.select().from(users).where(eq(users.email, "mentor@demo.library")).get();
  const trainer = db.select().from(users).where(eq(users.email, "trainer@demo.library")).get();
  if (!mentor || !trainer || modules.length === 0) return { submissions: 0 };
  const orgId = newId();
  db.insert(partnerOrganisations).values({ id: orgId, name: ORGANISATION, createdAt: now }).run();
  db.insert(mentorProfiles).values({ userId: mentor.id, partnerOrganisationId: orgId, createdAt: now }).run();
  for (const m of modules)
    db.insert(mentorAssignments).values({ id: newId(), mentorId: mentor.id, moduleSlug: m.slug, orgUnitId: null, createdAt: now }).run();
  db.update(users).set({ orgUnitId: null }).where(eq(users.id, mentor.id)).run();

  // Text-only tasks can be seeded without files; pick the first one.
  const mod =
    modules.find((m) => m.tasks.some((t) => !t.submit.file?.required && !(t.submit.images && t.submit.images.min > 0) && !t.submit.link?.required)) ??
    null;
  const task = mod?.tasks.find((t) => !t.submit.file?.required && !(t.submit.images && t.submit.images.min > 0) && !t.submit.link?.required);
  if (!mod || !task) return { submissions: 0 };
  const staff = db
    .select()
    .from(users)
    .where(and(eq(users.role, "staff"), eq(users.active, true), ne(users.email, "staff@demo.library")))
    .limit(5)
    .all();
  const text = sampleText(task.submit.text?.min ?? 200);
  const top = Object.fromEntries(task.rubric.map((c) => [c.id, c.levels.length]));
  const low = Object.fromEntries(task.rubric.map((c) => [c.id, 1]));
  const comments = Object.fromEntries(task.rubric.map((c) => [c.id, "Clear and specific for your community."]));
  const hour = 3_600_000;
  const at = (h: number) => new Date(now.getTime() - h * hour);
  let count = 0;
  for (const [i, person] of staff.entries()) {
    await saveDraft(person, mod, task, { text, link: null, removeFileIds: [], upload: null }, at(72 - i));
    count++;
    if (i === 0) continue; // draft
    submitWork(person, mod, task, at(48 - i));
    if (i === 1) continue; // submitted, waiting
    if (i === 2) {
      claimSubmission(mentor, getSubmission(db, person.id, mod.slug, task.slug)!.id, now); // in review
      continue;
    }
    const id = getSubmission(db, person.id, mod.slug, task.slug)!.id;
    const reviewer = i === 3 ? mentor : trainer;
    decideSubmission(
      reviewer,
      id,
      mod,
      task,
      i === 3
        ? { decision: "changes-requested", levels: low, comments, overall: "A good start: add one example post for each audience." }
        : { decision: "approved", levels: top, comments, overall: "Ready to use at your library." },
      at(24 - i),
    );
  }
  return { submissions: count };
}
