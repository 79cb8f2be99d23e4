import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { readCookie } from "./cookies.server";
import { getLucia } from "./lucia.server";
import { blankSessionCookieHeader, createSession, SESSION_COOKIE, sessionCookieHeader, validateSession } from "./sessions.server";

const memo = new WeakMap<Request, Promise<{ user: User; session: Session } | null>>();

/**
 * The logged-in user of a request, or null. Memoised per request, so the root loader and the
 * route loader share one lookup. A deactivated user's sessions are ended here too.
 */
export function getSessionUser(request: Request) {
  let pending = memo.get(request);
  if (!pending) {
    pending = lookup(request);
    memo.set(request, pending);
  }
  return pending;
}

/** The session id the request carries, if it looks like one (Lucia's ids: base32, 40 characters). */
function sessionIdOf(request: Request) {
  const value = readCookie(request, SESSION_COOKIE);
  return value && /^[a-z0-9]{1,128}$/.test(value) ? value : null;
}

async function lookup(request: Request) {
  const lucia = getLucia();
  const sessionId = sessionIdOf(request);
  if (!sessionId) return null;
  const { session, user } = await validateSession(sessionId);
  if (!session || !user) return null;
  if (!user.active) {
    await lucia.invalidateUserSessions(user.id);
    return null;
  }
  return { session, user };
}

/**
 * The logged-in user's id, or null. server.js asks this before it reads any body larger than a
 * small form, so an anonymous client cannot make the server read megabytes.
 */
export async function sessionUserId(request: Request): Promise<string | null> {
  return (await getSessionUser(request))?.user.id ?? null;
}

export const REDIRECT_MAX = 2048;

/**
 * Only same-site paths: `redirectTo` comes from the query string and must not leave the site.
 * It becomes a Location header, so it must also be short and printable ASCII (a path from
 * location.pathname + search is percent-encoded already): CR/LF, NUL or U+2028 would make the
 * header invalid and the response a 500.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || to.length > REDIRECT_MAX || !/^\/[\x21-\x7e]*$/.test(to)) return fallback;
  if (to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function requireUser(request: Request): Promise<User> {
  const found = await getSessionUser(request);
  if (found) return found.user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const headers = new Headers();
  if (sessionIdOf(request)) {
    headers.append("Set-Cookie", blankSessionCookieHeader());
  }
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`, { headers });
}

export async function startSession(userId: string, redirectTo: string) {
  const session = await createSession(userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookieHeader(session.id) } });
}

export async function endSession(request: Request, redirectTo = "/login") {
  const lucia = getLucia();
  const found = await getSessionUser(request);
  if (found) await lucia.invalidateSession(found.session.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": blankSessionCookieHeader() } });
}
