// The benchmark's floor (issue 29): the smallest Remix app worth comparing our pages with.
// tests/bench/run.ts copies this folder into its temporary folder, links the project's
// node_modules and builds it with `remix build`, the classic compiler the project uses, with the
// same future flags (single fetch: route data as turbo-stream) and the production build paths
// server.js reads (server/build-paths.js), so the project's own server.js serves it.

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
