import { config } from "zod";

// Zod builds a fast parser for each object schema with `new Function`, after probing whether
// that is allowed, as the schema is created. The CSP has no 'unsafe-eval' (ADR 0029), so in the
// browser the probe is refused and reported as a violation: parse without it there. Imported
// first by root.tsx, so it runs before any route module builds a schema. The server keeps the
// fast parsers.
if (typeof document !== "undefined") config({ jitless: true });
