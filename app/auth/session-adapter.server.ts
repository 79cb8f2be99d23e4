import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Db } from "~/db/client.server";
import type { Locale, Role } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

type SessionRow = { id: string; user_id: string; expires_at: number };
type JoinedRow = SessionRow & {
  email: string;
  display_name: string;
  role: Role;
  locale: Locale | null;
  active: number;
  org_unit_id: string | null;
  staff_number: string | null;
};

/**
 * Lucia's storage, on the same `sessions` and `users` tables the Drizzle schema defines, with
 * statements prepared once. Every logged-in request looks its session up, so this replaces
 * @lucia-auth/adapter-drizzle, which rebuilds its query each time. Expiry is stored in seconds.
 */
export class SqliteSessionAdapter implements Adapter {
  private readonly statements;

  constructor(db: Db) {
    const sqlite = db.$client;
    this.statements = {
      sessionAndUser: sqlite.prepare<[string], JoinedRow>(
        `select s.id, s.user_id, s.expires_at, u.email, u.display_name, u.role, u.locale, u.active, u.org_unit_id, u.staff_number
         from sessions s join users u on u.id = s.user_id where s.id = ?`,
      ),
      userSessions: sqlite.prepare<[string], SessionRow>("select id, user_id, expires_at from sessions where user_id = ?"),
      insert: sqlite.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)"),
      updateExpiry: sqlite.prepare("update sessions set expires_at = ? where id = ?"),
      delete: sqlite.prepare("delete from sessions where id = ?"),
      deleteUser: sqlite.prepare("delete from sessions where user_id = ?"),
      deleteExpired: sqlite.prepare("delete from sessions where expires_at <= ?"),
    };
  }

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = this.statements.sessionAndUser.get(sessionId);
    if (!row) return [null, null];
    return [
      toSession(row),
      {
        id: row.user_id,
        attributes: {
          email: row.email,
          displayName: row.display_name,
          role: row.role,
          locale: row.locale,
          active: row.active === 1,
          orgUnitId: row.org_unit_id,
          staffNumber: row.staff_number,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    return this.statements.userSessions.all(userId).map(toSession);
  }

  async setSession(session: DatabaseSession): Promise<void> {
    this.statements.insert.run(session.id, session.userId, toSeconds(session.expiresAt));
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    this.statements.updateExpiry.run(toSeconds(expiresAt), sessionId);
  }

  async deleteSession(sessionId: string): Promise<void> {
    this.statements.delete.run(sessionId);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    this.statements.deleteUser.run(userId);
  }

  async deleteExpiredSessions(): Promise<void> {
    this.statements.deleteExpired.run(toSeconds(clockNow()));
  }
}

function toSeconds(date: Date) {
  return Math.floor(date.getTime() / 1000);
}

function toSession(row: SessionRow): DatabaseSession {
  return { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at * 1000), attributes: {} };
}
