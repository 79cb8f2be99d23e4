/**
 * True for a request the browser makes ahead of time, not for a page the person opened:
 * Remix's `<Link prefetch>` renders `<link rel="prefetch">`, which Chromium and Firefox send
 * with `Sec-Purpose: prefetch` (older ones: `Purpose: prefetch`, Firefox: `X-Moz: prefetch`).
 * Loaders that record something about a visit skip the write for these.
 */
export function isPrefetch(request: Request) {
  const h = request.headers;
  return [h.get("sec-purpose"), h.get("purpose"), h.get("x-moz")].some((v) => v !== null && /\bprefetch\b/i.test(v));
}
