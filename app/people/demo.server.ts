// The whole demo seed in order, and the figures it must leave behind, read back from the
// database: the closing log prints these, not what the steps meant to write.
import { and, eq, gt, isNotNull, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  assignments,
  certificates,
  liveSessionRegistrations,
  liveSessions,
  mentorAssignments,
  notifications,
  taskReviews,
  taskSubmissions,
  users,
} from "~/db/schema";
import { getConfig } from "~/config.server";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { seedDemoOrganisation, seedDemoProgress } from "./demo-seed.server";
import { DemoSeedError } from "./demo-steps.server";

const DAY = 86_400_000;

export type DemoCounts = Awaited<ReturnType<typeof demoCounts>>;

/** What the demo must show; each line is a count the seed is checked against. */
const REQUIRED: { key: keyof DemoCounts; min: number; what: string }[] = [
  { key: "certificates", min: 3, what: "certificates" },
  { key: "certificatesInIndonesian", min: 1, what: "certificates issued in Indonesian" },
  { key: "expiringWithin30Days", min: 1, what: "certificates expiring within 30 days" },
  { key: "revokedWithReason", min: 1, what: "certificates revoked with a reason" },
  { key: "waitingForReview", min: 2, what: "submissions waiting for review" },
  { key: "waitingForDemoMentor", min: 1, what: "submissions waiting in the demo mentor's modules" },
  { key: "sentBackWithFeedback", min: 1, what: "submissions sent back with feedback" },
  { key: "unreadForStaff", min: 1, what: "unread notifications for staff@demo.library" },
  { key: "unreadForMentor", min: 1, what: "unread notifications for mentor@demo.library" },
  { key: "unreadForHr", min: 1, what: "unread notifications for hr@demo.library" },
  { key: "overdueAssignments", min: 1, what: "overdue assignments" },
  { key: "usersInEnglish", min: 1, what: "users reading in English" },
  { key: "usersInIndonesian", min: 1, what: "users reading in Indonesian" },
  { key: "upcomingSessionsOfDemoMentor", min: 1, what: "upcoming live sessions hosted by mentor@demo.library" },
  { key: "sessionRegistrations", min: 2, what: "registrations for upcoming live sessions" },
  { key: "sessionWaitlisted", min: 1, what: "people on a live session's waitlist" },
];

export async function seedDemo(db: Db, now = clockNow(), log: (line: string) => void = console.log): Promise<DemoCounts> {
  const seeded = await seedDemoOrganisation(db, now);
  log(`Seeded a demo organisation: ${seeded.units} org units, ${seeded.people} people.`);
  log("Compiling the course and adding some learning history…");
  const progress = await seedDemoProgress(db, now);
  log(`Added ${progress.attempts} graded quiz attempts.`);
  const { seedPracticeDemo } = await import("~/practice/demo-seed.server");
  await seedPracticeDemo(db, now);
  const { seedSessionsDemo } = await import("~/sessions/demo-seed.server");
  await seedSessionsDemo(db, now);
  // The day's reminder run, as the server's would do: reminders for the overdue assignment and
  // HR's weekly digest (the server's own run that day then finds them sent).
  const { runScheduler } = await import("~/notifications/scheduler.server");
  await runScheduler(now, { ignoreHour: true });
  const counts = await demoCounts(db, now);
  checkDemoCounts(counts);
  return counts;
}

/** The figures, read back from the database. */
export async function demoCounts(db: Db, now = clockNow()) {
  const n = async (query: PromiseLike<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const count = sql<number>`count(*)`.as("n");
  const unreadFor = (email: string) =>
    n(
      db
        .select({ n: count })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(eq(users.email, email), isNull(notifications.readAt))),
    );
  const [mentor] = await db.select({ id: users.id }).from(users).where(eq(users.email, "mentor@demo.library"));
  const today = todayIn(getConfig().timeZone, now);
  const registrationsOf = (status: "registered" | "waitlisted") =>
    n(
      db
        .select({ n: count })
        .from(liveSessionRegistrations)
        .innerJoin(liveSessions, eq(liveSessions.id, liveSessionRegistrations.sessionId))
        .where(and(eq(liveSessionRegistrations.status, status), eq(liveSessions.status, "scheduled"), gt(liveSessions.startsAt, now))),
    );
  return {
    certificates: await n(db.select({ n: count }).from(certificates)),
    certificatesInIndonesian: await n(db.select({ n: count }).from(certificates).where(eq(certificates.locale, "id"))),
    expiringWithin30Days: await n(
      db
        .select({ n: count })
        .from(certificates)
        .where(and(isNull(certificates.revokedAt), gt(certificates.expiresAt, now), lte(certificates.expiresAt, new Date(now.getTime() + 30 * DAY)))),
    ),
    revokedWithReason: await n(
      db
        .select({ n: count })
        .from(certificates)
        .where(and(isNotNull(certificates.revokedAt), ne(sql`trim(coalesce(${certificates.revokedReason}, ''))`, ""))),
    ),
    waitingForReview: await n(db.select({ n: count }).from(taskSubmissions).where(eq(taskSubmissions.state, "submitted"))),
    waitingForDemoMentor: await n(
      db
        .select({ n: count })
        .from(taskSubmissions)
        .where(
          and(
            eq(taskSubmissions.state, "submitted"),
            sql`${taskSubmissions.moduleSlug} in (select ${mentorAssignments.moduleSlug} from ${mentorAssignments} where ${mentorAssignments.mentorId} = ${mentor?.id ?? ""})`,
          ),
        ),
    ),
    sentBackWithFeedback: await n(
      db
        .select({ n: count })
        .from(taskSubmissions)
        .innerJoin(taskReviews, eq(taskReviews.submissionId, taskSubmissions.id))
        .where(
          and(
            eq(taskSubmissions.state, "changes-requested"),
            eq(taskReviews.decision, "changes-requested"),
            ne(sql`trim(${taskReviews.overallComment})`, ""),
          ),
        ),
    ),
    unreadForStaff: await unreadFor("staff@demo.library"),
    unreadForMentor: await unreadFor("mentor@demo.library"),
    unreadForHr: await unreadFor("hr@demo.library"),
    overdueAssignments: await n(db.select({ n: count }).from(assignments).where(lt(assignments.dueDate, today))),
    usersInEnglish: await n(db.select({ n: count }).from(users).where(eq(users.locale, "en"))),
    usersInIndonesian: await n(db.select({ n: count }).from(users).where(eq(users.locale, "id"))),
    upcomingSessionsOfDemoMentor: await n(
      db
        .select({ n: count })
        .from(liveSessions)
        .where(and(eq(liveSessions.hostId, mentor?.id ?? ""), eq(liveSessions.status, "scheduled"), gt(liveSessions.startsAt, now))),
    ),
    sessionRegistrations: await registrationsOf("registered"),
    sessionWaitlisted: await registrationsOf("waitlisted"),
  };
}

/** Stops with one error listing every figure that falls short. */
export function checkDemoCounts(counts: DemoCounts) {
  const short = REQUIRED.filter((r) => counts[r.key] < r.min).map((r) => `${r.what}: ${counts[r.key]} (needs ${r.min})`);
  if (short.length > 0) throw new DemoSeedError("the final check", short.join("; "));
}

/** The closing log: each figure with what it means. */
export function describeDemoCounts(counts: DemoCounts) {
  return REQUIRED.map((r) => `  ${String(counts[r.key]).padStart(3)}  ${r.what}`).join("\n");
}
