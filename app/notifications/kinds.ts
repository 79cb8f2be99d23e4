// The message kinds, the data each one carries, and which are optional. Plain data with no
// server imports, so the account page and the outbox page can name kinds too.
import type { Bilingual } from "~/content/model";

/** A name shown in the recipient's language: one string, or both languages to pick from. */
export type Text = string | Bilingual;

export type DigestRow = { name: string; unit: string; module: Text; dueDate: string };

/** A live session as its messages show it; instants as ISO strings, shown in TIME_ZONE. `path` opens it. */
export type SessionNotice = {
  title: Text;
  startsAt: string;
  endsAt: string;
  place: string | null;
  meetingUrl: string | null;
  path: string;
};

export type NotificationData = {
  /** A new account's set-password link (HR can still copy the same link on screen). */
  invitation: { url: string; expiresAt: string };
  /** "Forgot password": a one-time link valid one hour. */
  password_reset: { url: string };
  password_changed: { at: string };
  assignment_made: { module: Text; moduleSlug: string; dueDate: string };
  certificate_issued: { module: Text; verifyUrl: string };
  certificate_revoked: { module: Text; reason: string };
  /** Every module of an assigned learning path is certified: the path's own certificate. */
  path_certificate_issued: { path: Text; verifyUrl: string };
  due_7d: { module: Text; moduleSlug: string; dueDate: string; days: number };
  due_1d: { module: Text; moduleSlug: string; dueDate: string };
  /** A learning path assigned to the person is due (app/paths/reminders.server.ts). */
  path_due_7d: { path: Text; pathSlug: string; dueDate: string; days: number };
  path_due_1d: { path: Text; pathSlug: string; dueDate: string };
  overdue: { module: Text; moduleSlug: string; dueDate: string };
  cert_expiring_30d: { module: Text; moduleSlug: string; expiresAt: string; days: number };
  cert_expiring_7d: { module: Text; moduleSlug: string; expiresAt: string; days: number };
  digest_hr: { rows: DigestRow[]; total: number };
  digest_unit: { unit: string; rows: DigestRow[]; total: number };
  /** Practical tasks: a learner's submission waits for one of its reviewers. `path` opens it. */
  submission_waiting: { module: Text; learner: string; path: string };
  /** Practical tasks: the learner's submission was reviewed. `outcome` e.g. "passed"; `feedback` the reviewer's words, quoted. */
  review_done: { module: Text; outcome: Text; path: string; feedback?: { overall: string; criteria: { criterion: Text; comment: string }[] } };
  /** Live sessions (app/sessions/): registration, waitlist, changes, cancellations, the day-before reminder. */
  session_registered: SessionNotice;
  session_waitlisted: SessionNotice & { position: number };
  session_promoted: SessionNotice;
  session_changed: SessionNotice;
  session_cancelled: SessionNotice;
  session_registration_cancelled: SessionNotice;
  session_reminder: SessionNotice;
  /** To the host: a session they host was scheduled or changed. */
  session_hosting: SessionNotice & { change: "scheduled" | "changed" };
};

export type NotificationKind = keyof NotificationData;

/** Optional kinds can be turned off (account page, one-click unsubscribe); the rest always go. */
export type Category = "account" | "event" | "reminders" | "digests";

export const CATEGORY: Record<NotificationKind, Category> = {
  invitation: "account",
  password_reset: "account",
  password_changed: "account",
  assignment_made: "event",
  certificate_issued: "event",
  certificate_revoked: "event",
  path_certificate_issued: "event",
  submission_waiting: "event",
  review_done: "event",
  session_registered: "event",
  session_waitlisted: "event",
  session_promoted: "event",
  session_changed: "event",
  session_cancelled: "event",
  session_registration_cancelled: "event",
  session_hosting: "event",
  session_reminder: "reminders",
  due_7d: "reminders",
  due_1d: "reminders",
  overdue: "reminders",
  path_due_7d: "reminders",
  path_due_1d: "reminders",
  cert_expiring_30d: "reminders",
  cert_expiring_7d: "reminders",
  digest_hr: "digests",
  digest_unit: "digests",
};

export type OptionalCategory = "reminders" | "digests";
export const OPTIONAL_CATEGORIES: readonly OptionalCategory[] = ["reminders", "digests"];

export function isOptional(kind: NotificationKind): boolean {
  const c = CATEGORY[kind];
  return c === "reminders" || c === "digests";
}

export const NOTIFICATION_KINDS = Object.keys(CATEGORY) as NotificationKind[];
