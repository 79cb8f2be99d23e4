// Live sessions and registrations for tests, inserted as rows (scheduling and registration have
// their own pages and tests): a session around a given start, and people's places at it.
import { getDb } from "~/db/client.server";
import { liveSessionModules, liveSessionRegistrations, liveSessions, type RegistrationStatus } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

let counter = 0;

export type SessionOptions = Partial<typeof liveSessions.$inferInsert> & { hostId: string; startsAt: Date; modules?: string[] };

/** A scheduled session of 2 hours (unless `endsAt` says otherwise) earning 3 JP, code K7P-2QX. */
export async function createLiveSession({ modules = [], ...options }: SessionOptions) {
  counter++;
  const now = clockNow();
  const row = {
    id: newId(),
    titleEn: `Workshop ${counter}`,
    titleId: `Lokakarya ${counter}`,
    descriptionEn: "A workshop with a local creator.",
    descriptionId: "Lokakarya bersama kreator lokal.",
    endsAt: new Date(options.startsAt.getTime() + 2 * 3600_000),
    place: "Reading room",
    meetingUrl: null,
    capacity: 20,
    hours: 3,
    status: "scheduled" as const,
    sequence: 0,
    attendanceCode: "K7P-2QX",
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    ...options,
  };
  await getDb().insert(liveSessions).values(row);
  for (const moduleSlug of modules) await getDb().insert(liveSessionModules).values({ sessionId: row.id, moduleSlug });
  return row;
}

/** A person's place at a session (registered unless said otherwise), optionally already attended. */
export async function registerFor(
  sessionId: string,
  userId: string,
  { status = "registered", attendedAt = null }: { status?: RegistrationStatus; attendedAt?: Date | null } = {},
) {
  const now = clockNow();
  const row = {
    id: newId(),
    sessionId,
    userId,
    status,
    queuedAt: now,
    attendedAt,
    attendanceSource: attendedAt ? ("code" as const) : null,
    createdAt: now,
    updatedAt: now,
  };
  await getDb().insert(liveSessionRegistrations).values(row);
  return row;
}
