import { eq, lte, sql } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { prepared } from "~/db/prepared.server";
import { sessions, users } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

type SessionRow = { id: string; userId: string; expiresAt: number };

/**
 * Lucia's storage, on the same `sessions` and `users` tables the Drizzle schema defines, with
 * statements prepared once (app/db/prepared.server.ts) on either database. Every logged-in
 * request looks its session up, so this replaces @lucia-auth/adapter-drizzle, which rebuilds its
 * query each time. Expiry is stored in seconds.
 */
export class SessionAdapter implements Adapter {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await prepared("session.andUser", (db) =>
      db
        .select({
          id: sessions.id,
          userId: sessions.userId,
          expiresAt: sessions.expiresAt,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          locale: users.locale,
          active: users.active,
          orgUnitId: users.orgUnitId,
          staffNumber: users.staffNumber,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder("id"))),
    )({ id: sessionId });
    if (!row) return [null, null];
    return [
      toSession(row),
      {
        id: row.userId,
        attributes: {
          email: row.email,
          displayName: row.displayName,
          role: row.role,
          locale: row.locale,
          active: row.active,
          orgUnitId: row.orgUnitId,
          staffNumber: row.staffNumber,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await prepared("session.ofUser", (db) =>
      db
        .select({ id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.userId, sql.placeholder("userId"))),
    )({ userId });
    return rows.map(toSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await prepared("session.insert", (db) =>
      db.insert(sessions).values({ id: sql.placeholder("id"), userId: sql.placeholder("userId"), expiresAt: sql.placeholder("expiresAt") }),
    )({ id: session.id, userId: session.userId, expiresAt: toSeconds(session.expiresAt) });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await prepared("session.updateExpiry", (db) =>
      db
        .update(sessions)
        // A bare placeholder is not accepted by set()'s types; wrapped in sql it is the same parameter.
        .set({ expiresAt: sql`${sql.placeholder("expiresAt")}` })
        .where(eq(sessions.id, sql.placeholder("id"))),
    )({ id: sessionId, expiresAt: toSeconds(expiresAt) });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await prepared("session.delete", (db) => db.delete(sessions).where(eq(sessions.id, sql.placeholder("id"))))({ id: sessionId });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await prepared("session.deleteOfUser", (db) => db.delete(sessions).where(eq(sessions.userId, sql.placeholder("userId"))))({ userId });
  }

  async deleteExpiredSessions(): Promise<void> {
    await prepared("session.deleteExpired", (db) => db.delete(sessions).where(lte(sessions.expiresAt, sql.placeholder("now"))))({
      now: toSeconds(clockNow()),
    });
  }
}

function toSeconds(date: Date) {
  return Math.floor(date.getTime() / 1000);
}

function toSession(row: SessionRow): DatabaseSession {
  return { id: row.id, userId: row.userId, expiresAt: new Date(row.expiresAt * 1000), attributes: {} };
}
