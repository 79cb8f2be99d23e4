// The one way app code imports zod's values (eslint's no-restricted-imports points here).
// Zod builds a fast parser for each object schema with `new Function`, after probing whether
// that is allowed. The CSP has no 'unsafe-eval' (ADR 0029), so in the browser the probe is
// refused and reported as a violation: parse without it there. Because every schema imports `z`
// from this module, the setting is made before any schema exists, and only pages whose browser
// code really uses a schema download zod (root.tsx importing it put ~90 KB gzipped on every page).
// The server keeps the fast parsers.
import { config, z } from "zod";

if (typeof document !== "undefined") config({ jitless: true });

export { z };
