import { z } from "~/utils/zod";

/** Why a single sign-on did not log the person in; each has a message `login.ssoError.<code>`. */
export const SSO_ERROR_CODES = [
  "unavailable",
  "cancelled",
  "invalid",
  "expired",
  "domain",
  "unverified-email",
  "unknown-account",
  "deactivated",
  "already-linked",
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** What the login page reads from its query string; anything else is ignored, never an error. */
export const LoginPageQuerySchema = z.object({
  sso_error: z.enum(SSO_ERROR_CODES).optional().catch(undefined),
  signed_out: z.literal("sso").optional().catch(undefined),
  admin: z.literal("1").optional().catch(undefined),
});
