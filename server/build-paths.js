// Where builds go. `npm run build` (production) writes build/ and public/build/, which
// `npm start`, `npm run demo` and the e2e tests serve. `npm run dev` writes its development
// build elsewhere (.cache/dev-build/ and public/dev-build/), so a dev session never leaves a
// development build where production serves from (it answered 500, "jsxDEV is not a function").
export const PRODUCTION_BUILD = { serverBuildPath: "build/index.js", assetsBuildDirectory: "public/build", publicPath: "/build/" };
export const DEV_BUILD = { serverBuildPath: ".cache/dev-build/index.js", assetsBuildDirectory: "public/dev-build", publicPath: "/dev-build/" };

/** The build for a mode: "development" (remix dev, server.js --dev) or anything else. */
export function buildPaths(mode) {
  return mode === "development" ? DEV_BUILD : PRODUCTION_BUILD;
}
