import { getDb } from "~/db/client.server";
import { orgUnits, users, type Role } from "~/db/schema";
import { hashPassword } from "~/auth/password.server";
import { getLucia } from "~/auth/lucia.server";
import { createSession } from "~/auth/sessions.server";
import { newId } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

let counter = 0;

export async function createTestUser(overrides: Partial<typeof users.$inferInsert> & { role?: Role } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  counter++;
  const now = clockNow();
  const row = {
    id: newId(),
    email: `person${counter}-${newId().slice(0, 6).toLowerCase()}@test.library`,
    displayName: `Test Person ${counter}`,
    staffNumber: `T${String(counter).padStart(5, "0")}${newId().slice(0, 4)}`,
    role: "staff" as Role,
    active: true,
    passwordHash: await passwordHash,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  const [user] = await getDb().insert(users).values(row).returning();
  return user!;
}

export async function createOrgUnit(name: string, parentId: string | null = null) {
  const row = { id: newId(), name, code: null, parentId, createdAt: clockNow() };
  await getDb().insert(orgUnits).values(row);
  return row;
}

/** A session cookie for the user, as the browser would send it. */
export async function sessionCookie(userId: string) {
  // The app's own createSession: its expiry follows clockNow(), Lucia's the real clock.
  const session = await createSession(userId);
  return `${getLucia().sessionCookieName}=${session.id}`;
}

export const ORIGIN = "http://academy.test";

type RequestOptions = { cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string>; method?: string };

/** A Request like the browser sends: same-site Origin on posts, cookies, form bodies. */
export function makeRequest(pathname: string, { cookie, form, headers = {}, method }: RequestOptions = {}) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    h.set("Content-Type", "application/x-www-form-urlencoded");
    if (!h.has("Origin")) h.set("Origin", ORIGIN);
  }
  return new Request(`${ORIGIN}${pathname}`, { method: method ?? (form ? "POST" : "GET"), headers: h, body });
}

/** Runs a loader or action and returns the thrown or returned Response/data. */
export async function run<T>(fn: () => Promise<T> | T): Promise<{ thrown: boolean; value: unknown }> {
  try {
    return { thrown: false, value: await fn() };
  } catch (value) {
    return { thrown: true, value };
  }
}

export function routeArgs(request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = { clientIp: "10.0.0.1" }) {
  return { request, params, context };
}

/** A loader/action result: a Response (redirect, error) or data (plain or via `data()`). */
export function unwrap(value: unknown): { status: number; data: unknown; headers: Headers } {
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers };
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init?: ResponseInit | null };
    return { status: v.init?.status ?? 200, data: v.data, headers: new Headers(v.init?.headers) };
  }
  return { status: 200, data: value, headers: new Headers() };
}
