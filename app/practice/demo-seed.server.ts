import { and, eq, ne } from "drizzle-orm";
import type { User } from "lucia";
import type { Db } from "~/db/client.server";
import {
  certificates,
  mentorAssignments,
  mentorProfiles,
  partnerOrganisations,
  quizAttempts,
  taskSubmissions,
  users,
  type Locale,
} from "~/db/schema";
import type { ContentModule, PracticalTask } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { addMonths } from "~/certificates/issue.server";
import { revokeCertificate } from "~/certificates/manage.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { answerQuiz, DemoSeedError, found, isTextOnly, must, sampleText } from "~/people/demo-steps.server";
import { claimSubmission, decideSubmission } from "./review.server";
import { getSubmission, saveDraft, submitWork } from "./submissions.server";

const ORGANISATION = "Kota Harapan Regency Communication Office (Diskominfo)";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Person = typeof users.$inferSelect;

/**
 * The mentor's partner organisation and modules; submissions in every state (draft, waiting,
 * in review, sent back with feedback, approved); and certificates earned the way a learner earns
 * them (quiz passed, every task approved): one in Indonesian, one about to expire, one revoked by
 * HR with a reason, and two for the demo staff account. Every step checks what it got back.
 */
export async function seedPracticeDemo(db: Db, now = clockNow()) {
  const state = await getContent();
  const withTasks = visibleModules(state, "staff").filter((m) => m.tasks.length > 0);
  // The demo hands in text only (no files to make up), so it uses modules whose tasks allow that.
  const textOnly = withTasks.filter((m) => m.quiz && m.tasks.every(isTextOnly));
  if (textOnly.length < 5) throw new DemoSeedError("course", `needs five modules with a quiz and text-only tasks, found ${textOnly.length}`);
  const account = async (email: string) => found(`the account ${email}`, (await db.select().from(users).where(eq(users.email, email)))[0]);
  const mentor = await account("mentor@demo.library");
  const trainer = await account("trainer@demo.library");
  const hr = await account("hr@demo.library");
  const demoStaff = await account("staff@demo.library");

  const orgId = newId();
  await db.insert(partnerOrganisations).values({ id: orgId, name: ORGANISATION, createdAt: now });
  await db.insert(mentorProfiles).values({ userId: mentor.id, partnerOrganisationId: orgId, createdAt: now });
  for (const m of withTasks)
    await db.insert(mentorAssignments).values({ id: newId(), mentorId: mentor.id, moduleSlug: m.slug, orgUnitId: null, createdAt: now });
  await db.update(users).set({ orgUnitId: null }).where(eq(users.id, mentor.id));

  const used = new Set<string>([demoStaff.id]);
  /** An active staff member with nothing yet in `mod` (no attempt, no submission), in `locale` when given. */
  const freshPerson = async (mod: ContentModule, locale?: Locale) => {
    // In the order the rows come (the users table's own order), as before: the first one free wins.
    const candidates = (
      await db
        .select()
        .from(users)
        .where(and(eq(users.role, "staff"), eq(users.active, true), ne(users.email, "staff@demo.library")))
    ).filter((u) => !used.has(u.id) && (!locale || u.locale === locale));
    const busy = async (u: Person) => {
      const [attempt] = await db
        .select({ id: quizAttempts.id })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.userId, u.id), eq(quizAttempts.moduleSlug, mod.slug)))
        .limit(1);
      if (attempt) return true;
      const [submission] = await db
        .select({ id: taskSubmissions.id })
        .from(taskSubmissions)
        .where(and(eq(taskSubmissions.userId, u.id), eq(taskSubmissions.moduleSlug, mod.slug)))
        .limit(1);
      return submission !== undefined;
    };
    let free: Person | undefined;
    for (const u of candidates) {
      if (!(await busy(u))) {
        free = u;
        break;
      }
    }
    const person = found(`a staff member new to ${mod.slug}${locale ? ` (${locale})` : ""}`, free);
    used.add(person.id);
    return person;
  };

  const review = (task: PracticalTask, approve: boolean) => ({
    decision: approve ? ("approved" as const) : ("changes-requested" as const),
    levels: Object.fromEntries(task.rubric.map((c) => [c.id, approve ? c.levels.length : 1])),
    comments: Object.fromEntries(task.rubric.map((c) => [c.id, approve ? "Clear and specific for your community." : "Say who this is for."])),
    overall: approve ? "Ready to use at your library." : "A good start: add one example post for each audience, then hand it in again.",
  });

  const handIn = async (person: Person, mod: ContentModule, task: PracticalTask, at: Date) => {
    const step = `hand-in of ${mod.slug}/${task.slug} by ${person.email}`;
    must(
      step,
      await saveDraft(person, mod, task, { text: sampleText(task.submit.text?.min ?? 200), link: null, removeFileIds: [], upload: null }, at),
    );
    must(step, await submitWork(person, mod, task, new Date(at.getTime() + HOUR)));
    return found(step, await getSubmission(db, person.id, mod.slug, task.slug)).id;
  };

  const decide = async (reviewer: User | Person, person: Person, mod: ContentModule, task: PracticalTask, approve: boolean, at: Date) => {
    const step = `review of ${mod.slug}/${task.slug} for ${person.email}`;
    const id = found(step, await getSubmission(db, person.id, mod.slug, task.slug)).id;
    must(step, await claimSubmission(reviewer, id, at));
    return must(step, await decideSubmission(reviewer, id, mod, task, review(task, approve), new Date(at.getTime() + HOUR)));
  };

  /** Lessons, a passed quiz and every task approved, from `at` on: the certificate, read back. */
  const earn = async (person: Person, mod: ContentModule, at: Date, locale: Locale) => {
    const { markLessonComplete } = await import("~/learning/progress.server");
    for (const l of mod.lessons) await markLessonComplete(person.id, mod.slug, l.slug, 8, at);
    await answerQuiz({ ...person, locale }, mod, new Date(at.getTime() + HOUR), 0);
    let certificateId: string | null = null;
    for (const task of mod.tasks) {
      await handIn(person, mod, task, new Date(at.getTime() + 2 * HOUR));
      certificateId = (await decide(trainer, person, mod, task, true, new Date(at.getTime() + 5 * HOUR))).certificateId;
    }
    const [cert] = await db
      .select()
      .from(certificates)
      .where(eq(certificates.id, certificateId ?? ""));
    return found(`the certificate of ${mod.slug} for ${person.email}`, cert);
  };

  // The certificate about to expire comes from the module with the shortest validity; the
  // other certificates and the queue use the other modules.
  const expiring = found(
    "a module whose certificates expire",
    textOnly
      .filter((m) => m.settings.certificateValidityMonths)
      .sort((a, b) => a.settings.certificateValidityMonths! - b.settings.certificateValidityMonths!)[0],
  );
  const [first, second, third, fourth] = textOnly.filter((m) => m !== expiring) as [ContentModule, ContentModule, ContentModule, ContentModule];

  // Certificates. The demo staff account: one issued 40 days ago, and one earned 20 days less
  // than its validity ago, so it expires within 30 days.
  await earn(demoStaff, fourth, new Date(now.getTime() - 40 * DAY), "en");
  const soon = await earn(demoStaff, expiring, new Date(addMonths(now, -expiring.settings.certificateValidityMonths!).getTime() + 20 * DAY), "en");
  const left = (soon.expiresAt?.getTime() ?? 0) - now.getTime();
  if (!(left > 0 && left <= 30 * DAY)) throw new DemoSeedError("a certificate expiring within 30 days", soon.expiresAt);
  // One in Indonesian for someone who reads the app in Indonesian.
  const inIndonesian = await earn(await freshPerson(second, "id"), second, new Date(now.getTime() - 20 * DAY), "id");
  if (inIndonesian.locale !== "id") throw new DemoSeedError("a certificate in Indonesian", inIndonesian.locale);
  // One HR revoked, with the reason it gives.
  const revoked = await earn(await freshPerson(third), third, new Date(now.getTime() - 60 * DAY), "en");
  must(
    "revoking a certificate",
    await revokeCertificate(
      hr,
      { id: revoked.id, reason: "Issued by mistake: the quiz was taken on a colleague's account." },
      new Date(now.getTime() - 2 * DAY),
    ),
  );

  // The review queue: a draft, two waiting (one claimed by the mentor), one sent back with
  // feedback, one approved.
  const task = first.tasks[0]!;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const draft = await freshPerson(first);
  must("a draft", await saveDraft(draft, first, task, { text: sampleText(120), link: null, removeFileIds: [], upload: null }, at(72)));
  await handIn(await freshPerson(first), first, task, at(50));
  const claimed = await handIn(await freshPerson(first), first, task, at(30));
  must("the mentor's claim", await claimSubmission(mentor, claimed, now));
  const sentBack = await freshPerson(first);
  await handIn(sentBack, first, task, at(60));
  await decide(mentor, sentBack, first, task, false, at(20));
  const approved = await freshPerson(first);
  await handIn(approved, first, task, at(80));
  await decide(trainer, approved, first, task, true, at(40));
  // A second module's hand-in waits too, so the queue shows more than one module.
  await handIn(await freshPerson(second), second, second.tasks[0]!, at(10));

  return { submissions: (await db.select({ id: taskSubmissions.id }).from(taskSubmissions)).length };
}
