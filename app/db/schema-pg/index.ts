// The PostgreSQL tables, the same names as app/db/schema/sqlite.ts exports. Types and constants
// (ROLES, LOCALES, AttemptDraw, ...) stay exported from the SQLite files: import them from there.
export * from "./assignments";
export * from "./audit-events";
export * from "./certificates";
export * from "./lesson-progress";
export * from "./login-throttles";
export * from "./notification-preferences";
export * from "./notifications";
export * from "./org-unit-leads";
export * from "./org-units";
export * from "./outbox-messages";
export * from "./password-tokens";
export * from "./quiz-attempts";
export * from "./reminder-records";
export * from "./sessions";
export * from "./sso-spent-states";
export * from "./user-identities";
export * from "./users";
export * from "./mentor-assignments";
export * from "./mentor-profiles";
export * from "./partner-organisations";
export * from "./review-claims";
export * from "./submission-files";
export * from "./submission-versions";
export * from "./task-reviews";
export * from "./task-submissions";
export * from "./app-secrets";
