import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import { getLucia } from "./lucia.server";

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

async function lookup(request: Request) {
  const lucia = getLucia();
  const sessionId = lucia.readSessionCookie(request.headers.get("cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  if (!user.active) {
    await lucia.invalidateUserSessions(user.id);
    return null;
  }
  return { session, user };
}

/** Only same-site paths: `redirectTo` comes from the query string and must not leave the site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function requireUser(request: Request): Promise<User> {
  const found = await getSessionUser(request);
  if (found) return found.user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const headers = new Headers();
  if (getLucia().readSessionCookie(request.headers.get("cookie") ?? "")) {
    headers.append("Set-Cookie", getLucia().createBlankSessionCookie().serialize());
  }
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`, { headers });
}

export async function startSession(userId: string, redirectTo: string) {
  const lucia = getLucia();
  const session = await lucia.createSession(userId, {});
  return redirect(redirectTo, {
    headers: { "Set-Cookie": lucia.createSessionCookie(session.id).serialize() },
  });
}

export async function endSession(request: Request, redirectTo = "/login") {
  const lucia = getLucia();
  const found = await getSessionUser(request);
  if (found) await lucia.invalidateSession(found.session.id);
  return redirect(redirectTo, { headers: { "Set-Cookie": lucia.createBlankSessionCookie().serialize() } });
}
