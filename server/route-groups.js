// Route matching whose cost does not grow with the number of routes (issue 29).
//
// Remix v2's router flattens, ranks and compiles the regular expressions of every route again
// each time it matches, and it matches several times per request (the handler, the static
// handler, the render, the initial manifest): with 55 routes that was a quarter of /health's CPU.
// The maintained fix upstream (React Router 7.15, which caches the ranked branches) needs the
// Vite compiler, which our stack does not use (docs/decisions/0034-route-groups.md).
//
// So the server hands each request to a Remix request handler built, through Remix's public
// `createRequestHandler`, from the part of the build that could match it: the routes whose
// first path segment is the request's first segment, plus the routes that can match any first
// segment (the root, index and pathless routes, dynamic and splat segments), with their
// ancestors. A route outside the group can never match the request, so Remix, ranking the
// group's routes by its own rules, picks the route it would have picked among all of them; its
// matching work is bounded by the largest group (one section of the app), and choosing the
// group is one string split and a Map look-up. Lazy route discovery (`/__manifest`), which
// asks about paths of every section, goes to a handler of the whole build.

/** The Remix single-fetch data URL for `pathname`, turned back into the page's path. */
function pagePath(pathname) {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

// As @remix-run/router's decodePath: a segment is decoded, but an encoded slash stays one.
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment).replace(/\//g, "%2F");
  } catch {
    return segment;
  }
}

/** The group key of a request path: its first non-empty segment, decoded, in lower case. */
export function groupKeyOf(pathname) {
  const first = pagePath(pathname)
    .split("/")
    .find((s) => s !== "");
  return first === undefined ? "" : decodeSegment(first).toLowerCase();
}

/**
 * The first segment a route's full path starts with, or null when the route can match more
 * than one first segment (no path of its own, or a dynamic, optional or splat first segment).
 */
function staticFirstSegment(routes, id) {
  const parts = [];
  for (let route = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  const first = parts
    .join("/")
    .split("/")
    .find((s) => s !== "");
  if (first === undefined || first.startsWith(":") || first.includes("*") || first.endsWith("?")) return null;
  return first.toLowerCase();
}

function withAncestors(routes, ids) {
  const all = new Set();
  for (const id of ids) {
    for (let route = routes[id]; route && !all.has(route.id); route = route.parentId ? routes[route.parentId] : undefined) all.add(route.id);
  }
  return all;
}

function pick(record, ids) {
  return Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
}

/** The route ids of each group, and of the fallback for a first segment no route starts with. */
export function routeGroups(routes) {
  const everywhere = [];
  const byKey = new Map();
  for (const id of Object.keys(routes)) {
    const key = staticFirstSegment(routes, id);
    if (key === null) everywhere.push(id);
    else byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  const groups = new Map([...byKey].map(([key, ids]) => [key, withAncestors(routes, [...ids, ...everywhere])]));
  return { groups, fallback: withAncestors(routes, everywhere) };
}

/** A build with only `ids`: the server routes and their client manifest entries. */
export function buildPart(build, ids) {
  return { ...build, routes: pick(build.routes, ids), assets: { ...build.assets, routes: pick(build.assets.routes, ids) } };
}

/**
 * One request handler per group, chosen per request. `createHandler` is Remix's
 * `createRequestHandler` (passed in so tests can use the same function on a test build).
 */
export function createGroupedHandler(build, mode, createHandler) {
  const whole = createHandler(build, mode);
  // Under a basename every path starts with it: groups by first segment would be one group.
  if (build.basename && build.basename !== "/") return whole;
  const { groups, fallback } = routeGroups(build.routes);
  const handlers = new Map([...groups].map(([key, ids]) => [key, createHandler(buildPart(build, ids), mode)]));
  const fallbackHandler = createHandler(buildPart(build, fallback), mode);
  const manifestPath = `${build.basename ?? "/"}/__manifest`.replace(/\/+/g, "/");
  return (request, loadContext) => {
    const { pathname } = new URL(request.url);
    if (pathname === manifestPath) return whole(request, loadContext);
    return (handlers.get(groupKeyOf(pathname)) ?? fallbackHandler)(request, loadContext);
  };
}
