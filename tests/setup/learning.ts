import { getContent } from "~/content/registry.server";
import type { ContentModule } from "~/content/model";
import { markLessonComplete } from "~/learning/progress.server";
import type { Attempt } from "~/learning/status.server";
import { clockNow } from "~/utils/clock.server";

export async function moduleBySlug(slug: string): Promise<ContentModule> {
  const state = await getContent();
  const mod = state.modules.get(slug);
  if (!mod) throw new Error(`no module ${slug} in the fixture content`);
  return mod;
}

export async function completeAllLessons(userId: string, mod: ContentModule, now = clockNow()) {
  for (const l of mod.lessons) await markLessonComplete(userId, mod.slug, l.slug, 5, now);
}

/**
 * The form a learner would post: for each drawn question, the display positions of the options
 * chosen. `pick` decides per question whether to answer right, wrong, or leave it out.
 */
export function answerForm(
  mod: ContentModule,
  attempt: Attempt,
  pick: (questionId: string, i: number) => "right" | "wrong" | "skip" = () => "right",
) {
  const form = new FormData();
  form.set("intent", "submit");
  attempt.draw.forEach(({ questionId, optionOrder }, i) => {
    const q = mod.quiz!.questions.find((x) => x.id === questionId)!;
    const choice = pick(questionId, i);
    if (choice === "skip") return;
    const indexes = choice === "right" ? q.options.flatMap((o, idx) => (o.correct ? [idx] : [])) : [q.options.findIndex((o) => !o.correct)];
    for (const idx of indexes) form.append(`q.${questionId}`, String(optionOrder.indexOf(idx)));
  });
  return form;
}

export function formToRecord(form: FormData) {
  const out: Record<string, string[]> = {};
  for (const [k, v] of form.entries()) (out[k] ??= []).push(String(v));
  return out;
}
