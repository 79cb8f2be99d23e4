import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/academy.db"),
  CONTENT_DIR: z.string().min(1).default("content"),
  CONTENT_CACHE_DIR: z.string().min(1).default(".cache/content"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(24),
  ORG_NAME: z.string().min(1).default("Pustaka Academy"),
  CERT_SIGNATORY_NAME: z.string().default(""),
  CERT_SIGNATORY_TITLE: z.string().default(""),
  CERT_LOGO_PATH: z.string().optional(),
  // The number of reverse proxies in front of the server (server/guards.js reads it too).
  TRUST_PROXY: z.string().regex(/^\d{1,2}$/, "the number of proxies: 0, 1, 2, …").default("0"),
  TIME_ZONE: z.string().default("Asia/Jakarta"),
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
    contentDir: path.resolve(e.CONTENT_DIR),
    contentCacheDir: path.resolve(e.CONTENT_CACHE_DIR),
    publicUrl,
    cookieSecure,
    sessionIdleHours: e.SESSION_IDLE_HOURS,
    orgName: e.ORG_NAME,
    signatoryName: e.CERT_SIGNATORY_NAME,
    signatoryTitle: e.CERT_SIGNATORY_TITLE,
    logoPath: e.CERT_LOGO_PATH ? path.resolve(e.CERT_LOGO_PATH) : undefined,
    trustProxy: Number(e.TRUST_PROXY),
    allowedOrigins: allowedOrigins(publicUrl, e.PUBLIC_URL === undefined ? e.PORT : null),
    timeZone: e.TIME_ZONE,
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
