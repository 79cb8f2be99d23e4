// Reading cookies from a request with the `cookie` package, which tolerates what browsers and
// proxies really send: a trailing "; ", spaces around "=", quoted values, repeated names.
import { parse } from "cookie";

/**
 * The value of cookie `name`, or null. When the name appears more than once the first one is
 * used: browsers send the cookie with the longest (most specific) path first (RFC 6265 5.4),
 * and that is the one the site set last for the page being asked for.
 */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const raw = parse(header)[name];
  // RFC 6265 allows a cookie-value in double quotes; cookie 1.x keeps them (0.x removed them).
  const value = raw && raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return value ? value : null;
}
