import path from "node:path";
import { z } from "~/utils/zod";
import type { Locale } from "~/db/schema/users";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/academy.db"),
  // postgres://user:pass@host:5432/db runs on PostgreSQL 15+ instead of the SQLite file.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  CONTENT_DIR: z.string().min(1).default("content"),
  CONTENT_CACHE_DIR: z.string().min(1).default(".cache/content"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(24),
  ORG_NAME: z.string().min(1).default("Pustaka Academy"),
  // The language of someone who has not chosen one and whose browser named none we have.
  DEFAULT_LOCALE: z.enum(["en", "id"]).default("en"),
  CERT_SIGNATORY_NAME: z.string().default(""),
  CERT_SIGNATORY_TITLE: z.string().default(""),
  CERT_LOGO_PATH: z.string().optional(),
  // The number of reverse proxies in front of the server (server/guards.js reads it too).
  TRUST_PROXY: z
    .string()
    .regex(/^\d{1,2}$/, "the number of proxies: 0, 1, 2, …")
    .default("0"),
  TIME_ZONE: z.string().default("Asia/Jakarta"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Pustaka Academy <academy@localhost>"),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  NOTIFY_WORKER: z.enum(["0", "1"]).default("1"),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).default(5_000),
  TRAINING_HOURS_TARGET: z.coerce.number().positive().max(1000).default(20),
  PASSWORD_LOGIN: z.enum(["all", "admins-only"]).default("all"),
  // Whether hosts and trainers see who wrote each piece of feedback on a session or module.
  FEEDBACK_ANONYMOUS: z.enum(["true", "false"]).default("true"),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default("single sign-on"),
  OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  OIDC_ALLOWED_DOMAINS: z.string().default(""),
  OIDC_AUTO_CREATE: z.enum(["0", "1"]).default("0"),
  OIDC_ORG_UNIT_CLAIM: z.string().default(""),
  OIDC_ROLE_CLAIM: z.string().default(""),
  OIDC_ROLE_MAP: z.string().default(""),
  // Seals the single sign-on cookie; when unset, a key is made at first use and kept in the database.
  // Open Badges signing key (Ed25519 Multikey JSON); when unset, one is made at first use and kept in the database.
  BADGE_KEY_FILE: z.string().min(1).optional(),
  // The organisation's LinkedIn id for "Add to profile" (numeric); when unset, ORG_NAME is sent as text.
  LINKEDIN_ORGANIZATION_ID: z
    .string()
    .regex(/^\d{1,20}$/, "the numeric id of the organisation's LinkedIn page")
    .optional(),
  SSO_COOKIE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
});

/**
 * Origins a form may be posted from. PUBLIC_URL when set; otherwise the default address and its
 * other loopback spellings (a laptop demo opened at localhost), never a name from a Host header.
 */
function allowedOrigins(publicUrl: string, defaultPort: number | null) {
  const origins = [new URL(publicUrl).origin];
  if (defaultPort !== null) for (const host of ["127.0.0.1", "localhost", "[::1]"]) origins.push(`http://${host}:${defaultPort}`);
  return [...new Set(origins)];
}

/** Roles an identity provider's claim may grant on automatic creation; never admin. */
export const SSO_GRANTABLE_ROLES = ["staff", "trainer", "hr"] as const;
export type SsoGrantableRole = (typeof SSO_GRANTABLE_ROLES)[number];

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  displayName: string;
  scopes: string;
  allowedDomains: string[];
  autoCreate: boolean;
  orgUnitClaim: string | null;
  roleClaim: string | null;
  roleMap: Map<string, SsoGrantableRole>;
};

function readSsoConfig(e: z.infer<typeof EnvSchema>): SsoConfig | null {
  if (!e.OIDC_ISSUER) return null;
  if (!e.OIDC_CLIENT_ID) throw new Error("Invalid configuration: OIDC_CLIENT_ID is required when OIDC_ISSUER is set");
  const roleMap = new Map<string, SsoGrantableRole>();
  for (const pair of e.OIDC_ROLE_MAP.split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [value, role] = pair.split("=").map((s) => s.trim());
    if (!value || !SSO_GRANTABLE_ROLES.includes(role as SsoGrantableRole)) {
      throw new Error(`Invalid configuration: OIDC_ROLE_MAP entry "${pair}" must be claim-value=${SSO_GRANTABLE_ROLES.join("|")}`);
    }
    roleMap.set(value, role as SsoGrantableRole);
  }
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    displayName: e.OIDC_DISPLAY_NAME,
    scopes: e.OIDC_SCOPES,
    allowedDomains: e.OIDC_ALLOWED_DOMAINS.split(",")
      .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
      .filter(Boolean),
    autoCreate: e.OIDC_AUTO_CREATE === "1",
    orgUnitClaim: e.OIDC_ORG_UNIT_CLAIM || null,
    roleClaim: e.OIDC_ROLE_CLAIM || null,
    roleMap,
  };
}

export type AppConfig = ReturnType<typeof readConfig>;

function readConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "127.0.0.1" : e.HOST}:${e.PORT}`).replace(/\/$/, "");
  const isProduction = e.NODE_ENV === "production";
  // Secure cookies in production. The one exception is plain http on the loopback address
  // (`npm run demo` on a laptop), where browsers other than Chromium would drop a Secure cookie.
  const loopbackHttp = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(publicUrl);
  const cookieSecure = e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : isProduction && !loopbackHttp;
  return {
    isProduction,
    databasePath: path.resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    contentDir: path.resolve(e.CONTENT_DIR),
    contentCacheDir: path.resolve(e.CONTENT_CACHE_DIR),
    publicUrl,
    cookieSecure,
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    orgName: e.ORG_NAME,
    /** The organisation's language: the last fallback for pages, mail and certificates. */
    defaultLocale: e.DEFAULT_LOCALE satisfies Locale,
    signatoryName: e.CERT_SIGNATORY_NAME,
    signatoryTitle: e.CERT_SIGNATORY_TITLE,
    logoPath: e.CERT_LOGO_PATH ? path.resolve(e.CERT_LOGO_PATH) : undefined,
    trustProxy: Number(e.TRUST_PROXY),
    allowedOrigins: allowedOrigins(publicUrl, e.PUBLIC_URL === undefined ? e.PORT : null),
    timeZone: e.TIME_ZONE,
    mail: {
      smtpUrl: e.SMTP_URL || undefined,
      from: e.MAIL_FROM,
      reminderHour: e.REMINDER_HOUR,
      workerInProcess: e.NOTIFY_WORKER === "1",
      pollMs: e.NOTIFY_POLL_MS,
    },
    /** Lesson hours (JP) each person should earn per calendar year. */
    trainingHoursTarget: e.TRAINING_HOURS_TARGET,
    /** "admins-only": everyone else logs in through single sign-on (admins keep a break-glass path) */
    passwordLogin: e.PASSWORD_LOGIN,
    /** Feedback summaries show comments without names, in an order that does not reveal the author. */
    feedbackAnonymous: e.FEEDBACK_ANONYMOUS === "true",
    sso: readSsoConfig(e),
    ssoCookieSecret: e.SSO_COOKIE_SECRET,
    badgeKeyFile: e.BADGE_KEY_FILE ? path.resolve(e.BADGE_KEY_FILE) : undefined,
    linkedInOrganizationId: e.LINKEDIN_ORGANIZATION_ID,
  };
}

let cached: AppConfig | undefined;
/** Read once per process; tests that change the environment call `resetConfig()`. */
export function getConfig(): AppConfig {
  cached ??= readConfig();
  return cached;
}
export function resetConfig() {
  cached = undefined;
}
