// What the quiz page shows, as plain shapes: quiz-view.server.ts builds them, the components
// render them. Everything is JSON-safe, so they cross the loader unchanged.
import type { RevealPolicy } from "~/content/model";

/** A social-media post a question quotes (the stem of a scenario question). */
export type QuestionPost = { platform: string; account: string; kind: "post" | "comment" | "message"; text: string };

/** A question of an open attempt: no correctness, no explanations, no feedback. */
export type OpenQuestion = {
  id: string;
  multiple: boolean;
  prompt: string;
  post: QuestionPost | null;
  options: { position: number; text: string; selected: boolean }[];
};

/** A question of a graded attempt, when the module's policy lets the answers show. */
export type GradedQuestion = {
  id: string;
  prompt: string;
  post: QuestionPost | null;
  correct: boolean;
  explanation: string;
  options: { text: string; correct: boolean; chosen: boolean; feedback: string | null }[];
};

/** A graded attempt: the score always; the questions only as the module's policy allows. */
export type QuizResultView = {
  score: number;
  passed: boolean;
  correctCount: number;
  total: number;
  passMark: number;
  attemptNumber: number;
  revealPolicy: RevealPolicy;
  questions: GradedQuestion[] | null;
};
