const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every non-GET request: the browser-set Origin (or, failing that, Referer)
 * must be one of the site's own origins. SameSite=Lax cookies already stop most cross-site
 * posts; this also stops same-site subdomains and old browsers. A request with neither header
 * is refused. The allowed origins come from configuration (PUBLIC_URL), never from the request's
 * Host header, which a DNS-rebinding page chooses.
 */
export function isAllowedOrigin(request: Request, allowedOrigins: string | readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const allowed = new Set((typeof allowedOrigins === "string" ? [allowedOrigins] : allowedOrigins).map((o) => new URL(o).origin));
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
