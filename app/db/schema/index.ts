// The tables the application queries, for the database this process runs on (dialect.ts). Both
// dialects describe the same tables with the same row types (schema/*.ts for SQLite,
// schema-pg/ for PostgreSQL; tests/unit/schema-dialects.test.ts fails on any drift), so code
// is typed against the SQLite description and runs unchanged on either. Types and constants
// come from the SQLite files; the table objects are picked here.
import { isPostgres } from "../dialect";
import * as pg from "../schema-pg";
import * as sqlite from "./sqlite";

export * from "./sqlite";

const chosen = (isPostgres ? pg : sqlite) as unknown as typeof sqlite;

export const assignments = chosen.assignments;
export const auditEvents = chosen.auditEvents;
export const certificates = chosen.certificates;
export const lessonProgress = chosen.lessonProgress;
export const loginThrottles = chosen.loginThrottles;
export const notificationPreferences = chosen.notificationPreferences;
export const notifications = chosen.notifications;
export const orgUnitLeads = chosen.orgUnitLeads;
export const orgUnits = chosen.orgUnits;
export const outboxMessages = chosen.outboxMessages;
export const passwordTokens = chosen.passwordTokens;
export const quizAttempts = chosen.quizAttempts;
export const reminderRecords = chosen.reminderRecords;
export const sessions = chosen.sessions;
export const ssoSpentStates = chosen.ssoSpentStates;
export const userIdentities = chosen.userIdentities;
export const users = chosen.users;
export const mentorAssignments = chosen.mentorAssignments;
export const mentorProfiles = chosen.mentorProfiles;
export const partnerOrganisations = chosen.partnerOrganisations;
export const reviewClaims = chosen.reviewClaims;
export const submissionFiles = chosen.submissionFiles;
export const submissionVersions = chosen.submissionVersions;
export const taskReviews = chosen.taskReviews;
export const taskSubmissions = chosen.taskSubmissions;
export const appSecrets = chosen.appSecrets;
export const verifyRateLimits = chosen.verifyRateLimits;
export const openBadges = chosen.openBadges;
export const pathAssignments = chosen.pathAssignments;
export const pathCertificates = chosen.pathCertificates;
export const pathOpenBadges = chosen.pathOpenBadges;
export const liveSessions = chosen.liveSessions;
export const liveSessionModules = chosen.liveSessionModules;
export const liveSessionRegistrations = chosen.liveSessionRegistrations;
export const feedback = chosen.feedback;
