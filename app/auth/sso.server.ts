// Single sign-on with an OpenID Connect provider (Google Workspace, Microsoft Entra ID, Keycloak,
// ...). openid-client does the protocol: discovery, PKCE, and the state and nonce checks. This
// module keeps the attempt's secrets in a sealed cookie in the browser (sso-cookie.server.ts)
// and hands the verified claims to `resolveSsoAccount`, which decides whose account it is.
import * as oidc from "openid-client";
import { getConfig, type SsoConfig } from "~/config.server";
import { clockNow } from "~/utils/clock.server";
import type { SsoErrorCode } from "~/schemas/sso";
import { readCookie } from "./cookies.server";
import { resolveSsoAccount, type SsoClaims } from "./sso-accounts.server";
import { openPendingSso, sealPendingSso, spendState, ssoCookieKey } from "./sso-cookie.server";

export const SSO_COOKIE = "pa_sso";
/** Long enough to type a password and a second factor at the provider. */
const ATTEMPT_MINUTES = 10;
const PROVIDER_TIMEOUT_SECONDS = 10;

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

let discovered: { key: string; config: oidc.Configuration } | undefined;

function isLoopback(hostname: string) {
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/** Discovery runs once per process; a failure is not cached, so the next attempt tries again. */
async function providerConfig(sso: SsoConfig): Promise<oidc.Configuration> {
  const key = `${sso.issuer}|${sso.clientId}`;
  if (discovered?.key === key) return discovered.config;
  const issuer = new URL(sso.issuer);
  // Plain http only for a provider on this machine (tests, a local Keycloak); never over a network.
  const insecure = issuer.protocol === "http:" && isLoopback(issuer.hostname);
  try {
    const config = await oidc.discovery(issuer, sso.clientId, sso.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
    discovered = { key, config };
    return config;
  } catch (error) {
    throw new SsoError("unavailable", error instanceof Error ? error.message : String(error));
  }
}

export function ssoSettings() {
  const sso = getConfig().sso;
  return sso ? { displayName: sso.displayName } : null;
}

function callbackUrl() {
  return `${getConfig().publicUrl}/auth/sso/callback`;
}

function cookie(value: string, maxAgeSeconds: number) {
  const secure = getConfig().cookieSecure ? "; Secure" : "";
  return `${SSO_COOKIE}=${value}; Path=/auth/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export const clearSsoCookie = () => cookie("", 0);

/**
 * Starts a login: seals the attempt's state, nonce, PKCE verifier and return path into the
 * cookie, and returns the provider's authorization URL. Nothing is stored on the server, so
 * however many attempts anyone starts, nobody else's is refused.
 */
export async function startSsoLogin(redirectTo: string, now = clockNow()): Promise<{ location: string; setCookie: string }> {
  const sso = getConfig().sso;
  if (!sso) throw new SsoError("unavailable", "single sign-on is not configured");
  const config = await providerConfig(sso);
  const attempt = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    redirectTo,
    expiresAt: now.getTime() + ATTEMPT_MINUTES * 60_000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: sso.scopes,
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
    code_challenge_method: "S256",
  });
  return { location: url.href, setCookie: cookie(sealPendingSso(attempt, callbackUrl(), await ssoCookieKey()), ATTEMPT_MINUTES * 60) };
}

/** The attempt the browser's cookie carries, if it is sealed here, unexpired and not used before. */
async function takeAttempt(request: Request, now: Date) {
  const attempt = openPendingSso(readCookie(request, SSO_COOKIE), callbackUrl(), await ssoCookieKey());
  if (!attempt || attempt.expiresAt <= now.getTime()) return null;
  return (await spendState(attempt, now)) ? attempt : null;
}

function stringClaim(value: unknown) {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function claimValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/**
 * Finishes a login from the provider's redirect: checks state, nonce and PKCE through
 * openid-client, then resolves the account. Every failure is an `SsoError` with a code the
 * login page can explain; nothing here answers 500 for what a browser or provider sends.
 */
export async function finishSsoLogin(request: Request, now = clockNow()): Promise<{ userId: string; redirectTo: string }> {
  const sso = getConfig().sso;
  if (!sso) throw new SsoError("unavailable", "single sign-on is not configured");
  const params = new URL(request.url).searchParams;
  const attempt = await takeAttempt(request, now);
  const providerError = params.get("error");
  if (providerError) throw new SsoError(providerError === "access_denied" ? "cancelled" : "invalid", providerError);
  if (!attempt) throw new SsoError("expired");
  const config = await providerConfig(sso);
  // The URL the provider redirected to, rebuilt from PUBLIC_URL (the Host header is not trusted).
  const current = new URL(callbackUrl());
  for (const [key, value] of params) current.searchParams.append(key, value);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    const unreachable = error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNREFUSED|timeout|aborted/i.test(error.message));
    throw new SsoError(unreachable ? "unavailable" : "invalid", error instanceof Error ? error.message : String(error));
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoError("invalid", "no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  if (!stringClaim(claims.email) && tokens.access_token) {
    try {
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
    } catch {
      // Without userinfo the email stays missing, and resolveSsoAccount explains that.
    }
  }
  const ssoClaims: SsoClaims = {
    issuer: idClaims.iss,
    subject: idClaims.sub,
    email: stringClaim(claims.email)?.toLowerCase() ?? null,
    // Entra ID sends no email_verified; its optional xms_edov claim says the domain owner verified it.
    emailVerified: [claims.email_verified, claims.xms_edov].some((v) => v === true || v === "true" || v === 1 || v === "1"),
    name: stringClaim(claims.name),
    orgUnitValue: sso.orgUnitClaim ? (claimValues(claims[sso.orgUnitClaim])[0] ?? null) : null,
    roleValues: sso.roleClaim ? claimValues(claims[sso.roleClaim]) : [],
  };
  const outcome = await resolveSsoAccount(sso, ssoClaims, now);
  if (!outcome.ok) throw new SsoError(outcome.reason);
  return { userId: outcome.userId, redirectTo: attempt.redirectTo };
}

/**
 * The provider's end-session URL, offered after logging out of Pustaka Academy, or null when the
 * provider has none (or cannot be reached just now).
 */
export async function providerLogoutUrl(): Promise<string | null> {
  const sso = getConfig().sso;
  if (!sso) return null;
  try {
    const config = await providerConfig(sso);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { client_id: sso.clientId, post_logout_redirect_uri: `${getConfig().publicUrl}/login` }).href;
  } catch {
    return null;
  }
}

/** For tests: forget the discovered provider (a test starts a new one on a new port). */
export function resetSsoDiscovery() {
  discovered = undefined;
}
