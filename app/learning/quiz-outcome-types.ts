// What a graded attempt means for the learner now, as plain shapes: quiz-outcome.server.ts
// decides it, the quiz result page shows it.

/** How a learner's practical task stands, in the words the quiz result uses. */
export type TaskStanding = "not-handed-in" | "waiting-for-review" | "changes-requested" | "approved";

export type NextAttempt =
  | { kind: "now" }
  /** The cooldown ends then (ISO instant; the page formats it in the learner's time zone). */
  | { kind: "at"; at: string }
  | { kind: "none-left" }
  /** A later attempt passed: nothing to retry. */
  | { kind: "since-passed" };

export type QuizOutcome =
  | { kind: "certified"; certificateId: string; code: string }
  | { kind: "awaiting-tasks"; tasks: { slug: string; title: string; standing: TaskStanding }[] }
  /** Passed, and the module's certificate is no longer valid (revoked or expired since). */
  | { kind: "passed" }
  | { kind: "failed"; reread: { slug: string; title: string }[]; next: NextAttempt };
