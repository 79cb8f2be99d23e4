// server/route-groups.js hands each request to a Remix handler built from the routes that could
// match it (issue 29). These tests hold it to Remix's own matching: for every route of the app
// (read with Remix's flat-routes convention, as the compiler reads them) and for a made-up tree
// with nesting, pathless layouts, optional, dynamic and case-sensitive segments, matching a path
// within its group gives exactly the routes and params that matching it among all routes gives.
import path from "node:path";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { buildPart, createGroupedHandler, groupKeyOf, routeGroups } from "../../server/route-groups.js";
import { ROOT } from "../setup/paths";

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
type Manifest = Record<string, ManifestRoute>;

function appManifest(): Manifest {
  const routes = flatRoutes(path.join(ROOT, "app"), ["**/.*"]) as Manifest;
  return { root: { id: "root", path: "" }, ...routes };
}

function tree(manifest: Manifest, ids: Set<string>): AgnosticRouteObject[] {
  const make = (parentId: string | undefined): AgnosticRouteObject[] =>
    Object.values(manifest)
      .filter((r) => ids.has(r.id) && r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, index: true, path: r.path, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: make(r.id) },
      );
  return make(undefined);
}

/** What Remix matches for a request path (single-fetch data URLs are matched as their page). */
function pagePath(pathname: string) {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -5);
  return page === "/_root" ? "/" : page;
}

function summary(routes: AgnosticRouteObject[], pathname: string) {
  return matchRoutes(routes, pagePath(pathname))?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname })) ?? null;
}

/** Request paths made from every route's pattern, with awkward variants. */
function samplePaths(manifest: Manifest): string[] {
  const full = (id: string) => {
    const parts: string[] = [];
    for (let r: ManifestRoute | undefined = manifest[id]; r; r = r.parentId ? manifest[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
    return "/" + parts.join("/");
  };
  const values = ["x", "ABC-12", "a%20b", "%2F", "why-social-media"];
  const out = new Set<string>(["/", "", "/_root.data", "/.data", "//", "/nothing/here", "/%6Cearn", "/%E0%A4%A", "/LOGIN", "/Learn/x/y"]);
  for (const id of Object.keys(manifest)) {
    const pattern = full(id);
    values.forEach((v, i) => {
      const p = pattern
        .replace(/:[\w-]+\?/g, i % 2 ? v : "")
        .replace(/([\w-]+)\?/g, i % 2 ? "$1" : "")
        .replace(/:[\w-]+/g, v)
        .replace(/\*/g, "a/b/c")
        .replace(/\/{2,}/g, "/");
      for (const variant of [
        p,
        p.toUpperCase(),
        `${p}/`,
        `/${p}`,
        `${p}.data`,
        `${p}/extra`,
        p.replace(/^\/([^/]+)/, (_, s: string) => `/${encodeURIComponent(s).replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`),
      ]) {
        out.add(variant);
      }
    });
  }
  return [...out];
}

function expectSameAsWhole(manifest: Manifest) {
  const all = tree(manifest, new Set(Object.keys(manifest)));
  const { groups, fallback } = routeGroups(manifest);
  const paths = samplePaths(manifest);
  let matched = 0;
  for (const p of paths) {
    const group = tree(manifest, groups.get(groupKeyOf(p)) ?? fallback);
    const expected = summary(all, p);
    expect(summary(group, p), p).toEqual(expected);
    if (expected && expected.at(-1)!.id !== "routes/$") matched++;
  }
  return { paths: paths.length, matched, groups };
}

describe("route groups", () => {
  it("match every path of the app exactly as matching among all its routes does", () => {
    const manifest = appManifest();
    expect(Object.keys(manifest).length).toBeGreaterThan(40);
    const { paths, matched, groups } = expectSameAsWhole(manifest);
    expect(paths).toBeGreaterThan(500);
    // The samples reach real pages, not only the catch-all.
    expect(matched).toBeGreaterThan(paths / 3);
    // The largest group is one section of the app, a fraction of all routes.
    const largest = Math.max(...[...groups.values()].map((g) => g.size));
    expect(largest).toBeLessThan(Object.keys(manifest).length / 3);
  });

  it("match a nested tree with layouts, optional, dynamic and case-sensitive segments", () => {
    const manifest: Manifest = {
      root: { id: "root", path: "" },
      home: { id: "home", parentId: "root", index: true },
      shop: { id: "shop", parentId: "root", path: "shop" },
      shopIndex: { id: "shopIndex", parentId: "shop", index: true },
      item: { id: "item", parentId: "shop", path: ":item" },
      auth: { id: "auth", parentId: "root" },
      login: { id: "login", parentId: "auth", path: "login" },
      lang: { id: "lang", parentId: "root", path: ":lang?/about" },
      optional: { id: "optional", parentId: "root", path: "en?/help" },
      user: { id: "user", parentId: "root", path: ":user" },
      userPosts: { id: "userPosts", parentId: "user", path: "posts/*" },
      exact: { id: "exact", parentId: "root", path: "Exact", caseSensitive: true },
      deep: { id: "deep", parentId: "root", path: "docs/guide/intro" },
      docsSplat: { id: "docsSplat", parentId: "root", path: "docs/*" },
      splat: { id: "splat", parentId: "root", path: "*" },
    };
    const { matched } = expectSameAsWhole(manifest);
    expect(matched).toBeGreaterThan(20);
  });

  it("sends lazy route discovery to the whole build and every other request to its group", async () => {
    const manifest = appManifest();
    const modules = Object.fromEntries(Object.keys(manifest).map((id) => [id, { ...manifest[id], module: {} }]));
    const build = { routes: modules, assets: { routes: manifest, version: "v1" } };
    const built: string[][] = [];
    const handlerFor = (part: typeof build) => {
      const ids = Object.keys(part.routes).sort();
      built.push(ids);
      expect(Object.keys(part.assets.routes).sort()).toEqual(ids);
      return async () => new Response(ids.join(" "));
    };
    const handle = createGroupedHandler(build, "production", handlerFor);
    const ask = async (p: string) => (await handle(new Request(`http://test${p}`), {})).text();
    expect((await ask("/__manifest?p=/hr/report&version=v1")).split(" ")).toHaveLength(Object.keys(manifest).length);
    const learn = (await ask("/learn/why-social-media/what-is")).split(" ");
    expect(learn).toContain("routes/learn.$module.$lesson");
    expect(learn).not.toContain("routes/hr.report");
    expect((await ask("/HR/report.data")).split(" ")).toContain("routes/hr.report");
    expect((await ask("/no-such-section")).split(" ")).toEqual(["root", "routes/$", "routes/_index"]);
    // One handler per group, built once, plus the whole build and the fallback.
    expect(built.length).toBe(routeGroups(manifest).groups.size + 2);
    expect(Object.keys(buildPart(build, new Set(["root"])).routes)).toEqual(["root"]);
  });
});
