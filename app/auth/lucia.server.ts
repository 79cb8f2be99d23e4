import { Lucia, TimeSpan } from "lucia";
import { getConfig } from "~/config.server";
import type { Locale, Role } from "~/db/schema";
import { SessionAdapter } from "./session-adapter.server";

function createLucia() {
  const config = getConfig();
  return new Lucia(new SessionAdapter(), {
    // Sliding idle expiry: Lucia extends a session once half of it has passed.
    sessionExpiresIn: new TimeSpan(config.sessionIdleHours * 60, "m"),
    sessionCookie: {
      name: "academy_session",
      // A browser-session cookie: on a shared service-desk PC, closing the browser logs out.
      // The server-side expiry still applies, so the cookie never needs re-sending on renewal.
      expires: false,
      attributes: { secure: config.cookieSecure, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      role: attributes.role,
      locale: attributes.locale,
      active: attributes.active,
      orgUnitId: attributes.orgUnitId,
      staffNumber: attributes.staffNumber,
    }),
  });
}

// The attributes SessionAdapter hands over with each session.
type UserRow = {
  email: string;
  displayName: string;
  role: Role;
  locale: Locale | null;
  active: boolean;
  orgUnitId: string | null;
  staffNumber: string | null;
};

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: UserRow;
  }
}

const globalForLucia = globalThis as unknown as { __academyLucia?: { dbPath: string; lucia: ReturnType<typeof createLucia> } };

export function getLucia() {
  const dbPath = getConfig().databasePath;
  const current = globalForLucia.__academyLucia;
  if (current && current.dbPath === dbPath) return current.lucia;
  const lucia = createLucia();
  globalForLucia.__academyLucia = { dbPath, lucia };
  return lucia;
}
