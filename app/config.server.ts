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
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  TIME_ZONE: z.string().default("Asia/Jakarta"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Pustaka Academy <academy@localhost>"),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  NOTIFY_WORKER: z.enum(["0", "1"]).default("1"),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).default(5_000),
});

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
    trustProxy: e.TRUST_PROXY === "1",
    timeZone: e.TIME_ZONE,
    mail: {
      smtpUrl: e.SMTP_URL || undefined,
      from: e.MAIL_FROM,
      reminderHour: e.REMINDER_HOUR,
      workerInProcess: e.NOTIFY_WORKER === "1",
      pollMs: e.NOTIFY_POLL_MS,
    },
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
