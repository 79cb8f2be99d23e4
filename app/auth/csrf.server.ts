const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every non-GET request: the browser-set Origin (or, failing that, Referer)
 * must be this site. SameSite=Lax cookies already stop most cross-site posts; this also stops
 * same-site subdomains and old browsers. A request with neither header is refused.
 */
export function isAllowedOrigin(request: Request, publicUrl: string): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const allowed = new Set([new URL(request.url).origin, new URL(publicUrl).origin]);
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return allowed.has(origin);
  const referer = request.headers.get("referer");
  if (!referer) return false;
  try {
    return allowed.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
