// A training record row as the page shows it, in a plain module so the table component can name
// it without importing the server code that builds it (record-view.server.ts).
import type { ModuleStatusName } from "~/learning/status-types";
import type { PracticeStatus } from "./practice-status";

/** Instants as ISO strings, the content hash shortened. */
export type RecordRowView = {
  key: string;
  name: string;
  staffNumber: string | null;
  email: string;
  active: boolean;
  orgUnit: string | null;
  moduleTitle: string;
  version: number;
  hash: string;
  status: ModuleStatusName;
  lessonsDone: number;
  lessonsTotal: number;
  attempts: number;
  bestScore: number | null;
  lastActivity: string | null;
  passedOn: string | null;
  certificateCode: string | null;
  certificateExpiresOn: string | null;
  dueDate: string | null;
  overdue: boolean;
  practice: PracticeStatus | null;
  tasksApproved: number;
  tasksTotal: number;
  yearHours: number;
  /** the part of yearHours earned at live sessions */
  sessionHours: number;
  underTarget: boolean;
};
