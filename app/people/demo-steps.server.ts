// The steps the demo seed is built from. Each one goes through the app's own functions and
// checks what they return: a step that fails stops the seed with an error naming the step and
// the reason, instead of leaving a demo that silently lacks its certificates or its queue.
import type { User } from "lucia";
import type { ContentModule, PracticalTask } from "~/content/model";
import type { Locale } from "~/db/schema";

export class DemoSeedError extends Error {
  constructor(step: string, detail: unknown) {
    super(`Demo seed stopped at "${step}": ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    this.name = "DemoSeedError";
  }
}

/** The result when it is ok, else a DemoSeedError naming the step and what came back. */
export function must<T extends { ok: boolean }>(step: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new DemoSeedError(step, result);
  return result as Extract<T, { ok: true }>;
}

/** A value that must be there. */
export function found<T>(step: string, value: T | null | undefined): T {
  if (value === null || value === undefined) throw new DemoSeedError(step, "not found");
  return value;
}

/**
 * One graded quiz attempt at `when`, with `wrong` questions answered wrongly (0 passes). Returns
 * whether it passed and when the next attempt may start (after the module's cooldown).
 */
export async function answerQuiz(person: Pick<User, "id"> & { locale?: Locale | null }, mod: ContentModule, when: Date, wrong: number) {
  const { startAttempt, getOwnAttempt, submitAttempt } = await import("~/learning/quiz.server");
  const step = `quiz of ${mod.slug} for ${person.id}`;
  const started = must(step, await startAttempt(person, mod, when));
  const attempt = found(step, await getOwnAttempt(person, started.attemptId, mod.slug));
  const form = new FormData();
  attempt.draw.forEach(({ questionId, optionOrder }, q) => {
    const question = found(
      step,
      mod.quiz?.questions.find((x) => x.id === questionId),
    );
    const picks = q < wrong ? [question.options.findIndex((o) => !o.correct)] : question.options.flatMap((o, idx) => (o.correct ? [idx] : []));
    for (const idx of picks) form.append(`q.${questionId}`, String(optionOrder.indexOf(idx)));
  });
  const graded = must(step, await submitAttempt(person, mod, attempt, form, person.locale ?? "en", when));
  if (wrong === 0 && !graded.passed) throw new DemoSeedError(step, "all answers right, yet the attempt did not pass");
  return { passed: graded.passed, nextAt: new Date(when.getTime() + mod.settings.cooldownMs + 60_000) };
}

/** Tasks the demo can hand in without files: text (and an optional link or file) only. */
export function isTextOnly(task: PracticalTask) {
  return !task.submit.file?.required && !(task.submit.images && task.submit.images.min > 0) && !task.submit.link?.required;
}

/** A hand-in text of at least `min` characters, counted the way the requirement check counts them (trimmed). */
export function sampleText(min: number) {
  const sentences = [
    "Our library talks to parents of young children, secondary school students and retired readers.",
    "We write warmly and plainly, we answer within one working day, and we never argue in public.",
    "We thank people, we explain what we can and cannot do, and we move private matters to direct messages.",
    "Every post names the branch, the day and the time, and says whom to ask when something is unclear.",
  ];
  let text = "";
  for (let i = 0; text.trim().length < min; i++) text += (text ? " " : "") + sentences[i % sentences.length];
  return text.trim();
}
