// The pending single sign-on attempt (state, nonce, PKCE verifier, where to go afterwards) lives
// in the browser, in a cookie sealed with AES-256-GCM: encrypted, so the verifier stays secret,
// and authenticated by GCM's tag, so a changed byte is refused. The sealed data names the callback
// URL it is for (associated data), so a cookie from another installation or address does not open.
// No server-side table of pending attempts, so no client can fill one for others
// (docs/decisions/0021-bodies-sso-proxies.md).
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { eq, lt } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { appSecrets, ssoSpentStates } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";

export type PendingSso = { state: string; nonce: string; codeVerifier: string; redirectTo: string; expiresAt: number };

const KEY_NAME = "sso-cookie-key";
const VERSION = "1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

/**
 * The sealing key: from SSO_COOKIE_SECRET when set (through HKDF, so any long random string
 * serves), otherwise 32 random bytes made at first use and kept in `app_secrets`, so every
 * process on the same database agrees and a restart does not end attempts under way.
 */
export async function ssoCookieKey(): Promise<Buffer> {
  const config = getConfig();
  const cacheKey = config.ssoCookieSecret ? `env:${config.ssoCookieSecret}` : `db:${config.databaseUrl || config.databasePath}`;
  const cached = keys.get(cacheKey);
  if (cached) return cached;
  let key: Buffer;
  if (config.ssoCookieSecret) {
    key = ssoKeyFromSecret(config.ssoCookieSecret);
  } else {
    const candidate = randomBytes(32).toString("base64");
    const stored = await writeTransaction(async (tx) => {
      await tx.insert(appSecrets).values({ name: KEY_NAME, value: candidate, createdAt: clockNow() }).onConflictDoNothing();
      const [row] = await tx.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, KEY_NAME));
      return row!.value;
    });
    key = Buffer.from(stored, "base64");
  }
  keys.set(cacheKey, key);
  return key;
}

/** The key for an operator-chosen secret (HKDF-SHA256). */
export function ssoKeyFromSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "pustaka-academy", "sso-cookie v1", 32));
}

function associatedData(callbackUrl: string) {
  return Buffer.from(`pa_sso v${VERSION} ${callbackUrl}`);
}

/** Seals an attempt with `key` (ssoCookieKey(), awaited by the caller). */
export function sealPendingSso(pending: PendingSso, callbackUrl: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(callbackUrl));
  const body = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The attempt in a cookie value, or null when it was not sealed here, for this callback, or is malformed. */
export function openPendingSso(value: string | null, callbackUrl: string, key: Buffer): PendingSso | null {
  if (!value || !value.startsWith(`${VERSION}.`)) return null;
  const raw = Buffer.from(value.slice(VERSION.length + 1), "base64url");
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(callbackUrl));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    const parsed = JSON.parse(text) as Partial<PendingSso>;
    const secrets = [parsed.state, parsed.nonce, parsed.codeVerifier];
    if (!secrets.every((s) => typeof s === "string" && s.length > 0) || typeof parsed.expiresAt !== "number") return null;
    // "" is a real value: no destination asked for, so the callback sends the person to their home.
    if (typeof parsed.redirectTo !== "string") return null;
    return parsed as PendingSso;
  } catch {
    return null;
  }
}

/**
 * Marks the attempt's state as used. False when it was used before: the same sealed cookie
 * replayed with a callback URL. Rows go when the attempt would have expired anyway.
 */
export async function spendState(pending: PendingSso, now: Date): Promise<boolean> {
  const stateHash = createHash("sha256").update(pending.state).digest("base64url");
  return writeTransaction(async (tx) => {
    await tx.delete(ssoSpentStates).where(lt(ssoSpentStates.expiresAt, now));
    const inserted = await tx
      .insert(ssoSpentStates)
      .values({ stateHash, expiresAt: new Date(pending.expiresAt) })
      .onConflictDoNothing();
    return changedRows(inserted) === 1;
  });
}

/** For tests: forget cached keys (a test changes SSO_COOKIE_SECRET or the database). */
export function resetSsoCookieKeys() {
  keys.clear();
}
