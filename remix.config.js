import { buildPaths } from "./server/build-paths.js";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // `remix dev` sets NODE_ENV=development before reading this file: its build goes to
  // .cache/dev-build and public/dev-build, never where `npm start` and `npm run demo` serve.
  ...buildPaths(process.env.NODE_ENV),
  // No watchPaths for content/: the app watches the course itself in development (the
  // content watcher recompiles the edited lessons and refreshes previews). A Remix rebuild on
  // every lesson save also restarted the server, and a second save during that rebuild
  // printed "✘ [ERROR] The build was canceled".
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
