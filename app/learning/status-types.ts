// The module statuses, in a plain module so pages, schemas and labels can name them without
// reaching into the server code that computes them (status.server.ts).
export const MODULE_STATUSES = ["not-started", "in-progress", "ready-for-quiz", "failed", "locked", "passed", "expired"] as const;
export type ModuleStatusName = (typeof MODULE_STATUSES)[number];
