// The two feedback pages (a live session, a module) and the trainers' summary page: loaders and
// actions, so the routes stay thin. Eligibility is checked again on every POST.
import { data } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { liveSessions, type FeedbackSubject } from "~/db/schema";
import { getTranslator } from "~/i18n/locale.server";
import { requireLearnerModule } from "~/learning/access.server";
import { parseForm } from "~/schemas/form";
import { FeedbackSchema, FEEDBACK_COMMENT_MAX } from "~/schemas/attendance";
import { clockNow } from "~/utils/clock.server";
import { desc, eq, inArray } from "drizzle-orm";
import { moduleFeedbackEligibility, ownFeedback, saveFeedback, sessionFeedbackEligibility, type FeedbackEligibility } from "./feedback.server";
import { feedbackSummaries } from "./summary.server";

type Subject = { type: FeedbackSubject; id: string; title: string; backTo: string; userId: string; eligibility: FeedbackEligibility };

async function sessionSubject(request: Request, sessionId: string, now: Date): Promise<Subject> {
  const user = await requireCan(request, "sessions.join");
  const [session] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, sessionId));
  if (!session || session.status !== "scheduled") throw new Response("Not found", { status: 404 });
  const { locale } = await getTranslator(request, user);
  return {
    type: "session",
    id: session.id,
    title: pick({ en: session.titleEn, id: session.titleId }, locale),
    backTo: "/learn",
    userId: user.id,
    eligibility: await sessionFeedbackEligibility(user.id, session.id, now),
  };
}

async function moduleSubject(request: Request, moduleSlug: string | undefined): Promise<Subject> {
  const { user, mod, locale } = await requireLearnerModule(request, moduleSlug, { allowLocked: true });
  return {
    type: "module",
    id: mod.slug,
    title: pick(mod.title, locale),
    backTo: `/learn/${mod.slug}`,
    userId: user.id,
    eligibility: await moduleFeedbackEligibility(user.id, mod.slug),
  };
}

async function pageData(subject: Subject) {
  const own = subject.eligibility.ok ? await ownFeedback(subject.userId, subject.type, subject.id) : null;
  return {
    subject: { type: subject.type, title: subject.title, backTo: subject.backTo },
    eligible: subject.eligibility.ok,
    reason: subject.eligibility.ok ? null : subject.eligibility.reason,
    own,
    anonymous: getConfig().feedbackAnonymous,
    max: FEEDBACK_COMMENT_MAX,
  };
}

async function save(request: Request, subject: Subject, now: Date) {
  if (!subject.eligibility.ok) return data({ ok: false, errors: { form: "attendance.feedback.notEligible" as const }, values: {} }, { status: 403 });
  const parsed = parseForm(FeedbackSchema, await request.formData());
  if (!parsed.success) return data({ ok: false, errors: parsed.errors, values: parsed.values }, { status: 400 });
  await saveFeedback(subject.userId, subject.type, subject.id, parsed.data, now);
  return { ok: true, errors: {}, values: {} };
}

export async function sessionFeedbackData(request: Request, sessionId: string, now: Date = clockNow()) {
  return pageData(await sessionSubject(request, sessionId, now));
}
export async function sessionFeedbackAction(request: Request, sessionId: string, now: Date = clockNow()) {
  return save(request, await sessionSubject(request, sessionId, now), now);
}
export async function moduleFeedbackData(request: Request, moduleSlug: string | undefined) {
  return pageData(await moduleSubject(request, moduleSlug));
}
export async function moduleFeedbackAction(request: Request, moduleSlug: string | undefined, now: Date = clockNow()) {
  return save(request, await moduleSubject(request, moduleSlug), now);
}

const TRAINER_SESSIONS = 100;

/** Trainers and admins: every module's and the latest sessions' feedback summaries. */
export async function trainerFeedbackData(request: Request) {
  const actor = await requireCan(request, "sessions.manage");
  const { locale } = await getTranslator(request, actor);
  const anonymous = getConfig().feedbackAnonymous;
  const state = await getContent();
  const [moduleSummaries, sessionSummaries] = await Promise.all([
    feedbackSummaries("module", { anonymous }),
    feedbackSummaries("session", { anonymous }),
  ]);
  const sessionIds = [...sessionSummaries.keys()];
  const sessions = sessionIds.length
    ? await getDb()
        .select({ id: liveSessions.id, titleEn: liveSessions.titleEn, titleId: liveSessions.titleId, startsAt: liveSessions.startsAt })
        .from(liveSessions)
        .where(inArray(liveSessions.id, sessionIds))
        .orderBy(desc(liveSessions.startsAt))
        .limit(TRAINER_SESSIONS)
    : [];
  return {
    anonymous,
    modules: visibleModules(state, "trainer")
      .filter((m) => moduleSummaries.has(m.slug))
      .map((m) => ({ id: m.slug, title: pick(m.title, locale), summary: moduleSummaries.get(m.slug)! })),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: pick({ en: s.titleEn, id: s.titleId }, locale),
      startsAt: s.startsAt,
      summary: sessionSummaries.get(s.id)!,
    })),
  };
}
