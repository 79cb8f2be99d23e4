import type { MessageKey } from "~/i18n/translate";
import type { ModuleStatusName } from "./status-types";

/** The one label of each module status, for the badge, the report filter and the exports. */
export const STATUS_LABELS = {
  "not-started": "status.notStarted",
  "in-progress": "status.inProgress",
  "ready-for-quiz": "status.readyForQuiz",
  failed: "status.failed",
  locked: "status.locked",
  passed: "status.passed",
  expired: "status.expired",
} as const satisfies Record<ModuleStatusName, MessageKey>;
