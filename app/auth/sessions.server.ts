import type { Session, User } from "lucia";
import { generateIdFromEntropySize } from "lucia";
import { getConfig } from "~/config.server";
import { clockNow } from "~/utils/clock.server";
import { SessionAdapter } from "./session-adapter.server";

export const SESSION_COOKIE = "academy_session";

// Lucia decides expiry with the real clock (Date.now()); sessions here follow clockNow(), so
// creating, validating and renewing a session are done in this module against the storage
// Lucia uses (SessionAdapter). Lucia keeps reading cookies and ending sessions.
const adapter = new SessionAdapter();

function idleMs() {
  return getConfig().sessionIdleHours * 3_600_000;
}

export async function createSession(userId: string, now = clockNow()): Promise<Session> {
  const session = { id: generateIdFromEntropySize(25), userId, expiresAt: new Date(now.getTime() + idleMs()), attributes: {} };
  await adapter.setSession(session);
  return { id: session.id, userId, expiresAt: session.expiresAt, fresh: true };
}

/**
 * Ends every session of a user except `keep`. Lucia's getUserSessions skips sessions it thinks
 * expired by the real clock, which is not clockNow(), so this reads the adapter directly.
 */
export async function endOtherSessions(userId: string, keep: string | null) {
  for (const session of await adapter.getUserSessions(userId)) {
    if (session.id !== keep) await adapter.deleteSession(session.id);
  }
}

/** The session and its user, or nulls when unknown or idle too long; renewed past half its life. */
export async function validateSession(
  sessionId: string,
  now = clockNow(),
): Promise<{ session: Session; user: User } | { session: null; user: null }> {
  const [row, userRow] = await adapter.getSessionAndUser(sessionId);
  if (!row || !userRow) return { session: null, user: null };
  if (row.expiresAt.getTime() <= now.getTime()) {
    await adapter.deleteSession(row.id);
    return { session: null, user: null };
  }
  let expiresAt = row.expiresAt;
  let fresh = false;
  if (expiresAt.getTime() - now.getTime() < idleMs() / 2) {
    expiresAt = new Date(now.getTime() + idleMs());
    fresh = true;
    await adapter.updateSessionExpiration(row.id, expiresAt);
  }
  const user = { id: userRow.id, ...userRow.attributes } as User;
  return { session: { id: row.id, userId: row.userId, expiresAt, fresh }, user };
}

/**
 * The Set-Cookie value for a session: a browser-session cookie, with no Max-Age or Expires, so
 * closing the browser on a shared desk PC ends it (ADR 0012). Lucia's own cookie with
 * `expires: false` still carries a 400-day Max-Age.
 */
export function sessionCookieHeader(sessionId: string) {
  return `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax${getConfig().cookieSecure ? "; Secure" : ""}`;
}

export function blankSessionCookieHeader() {
  return `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${getConfig().cookieSecure ? "; Secure" : ""}`;
}
