import type { User } from "lucia";
import { pick, type ContentModule, type PracticalTask } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { levelExamples } from "~/content/tasks-schema.server";
import type { Locale } from "~/db/schema";
import type { Translate } from "~/i18n/translate";
import { orgUnitTree } from "~/people/org-units.server";
import { reviewDecisionSchema } from "~/schemas/practice";
import { parseForm } from "~/schemas/form";
import { clockNow } from "~/utils/clock.server";
import { claimSubmission, decideSubmission, reviewQueue, submissionForReader } from "./review.server";
import { taskForPage } from "./task-page.server";

function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

/** The queue page: rows with module and task titles in the reader's language, and filter options. */
export async function queuePage(actor: User, query: { module?: string; unit?: string; page?: number }, locale: Locale) {
  const state = await getContent();
  const queue = await reviewQueue(actor, query);
  const withTasks = Array.from(state.modules, ([, m]) => m).filter(
    (m) => m.tasks.length > 0 && (queue.modules === null || queue.modules.includes(m.slug)),
  );
  const title = (slug: string, taskSlug: string) => {
    const mod = state.modules.get(slug);
    const task = mod?.tasks.find((t) => t.slug === taskSlug);
    return { module: mod ? pick(mod.title, locale) : slug, task: task ? pick(task.title, locale) : taskSlug };
  };
  return {
    ...queue,
    rows: queue.rows.map((r) => ({ ...r, titles: title(r.moduleSlug, r.taskSlug) })),
    moduleOptions: withTasks.map((m) => ({ value: m.slug, label: pick(m.title, locale) })),
    units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}

async function moduleAndTask(moduleSlug: string, taskSlug: string): Promise<{ mod: ContentModule; task: PracticalTask }> {
  const mod = (await getContent()).modules.get(moduleSlug);
  const task = mod?.tasks.find((t) => t.slug === taskSlug);
  if (!mod || !task) notFound();
  return { mod, task };
}

export async function reviewPage(actor: User, id: string, locale: Locale) {
  const found = await submissionForReader(actor, id);
  const { mod, task } = await moduleAndTask(found.submission.moduleSlug, found.submission.taskSlug);
  const [current, ...earlier] = found.versions;
  return {
    id,
    task: taskForPage(mod, task, locale),
    // Reviewers only: taskForPage (shared with the learner's page) never carries them.
    examples: levelExamples(task, locale),
    learnerName: found.learnerName,
    unitName: found.unitName,
    state: found.state,
    claim: found.claim,
    current: current ?? null,
    earlier,
    decidable: found.submission.state === "submitted" && !current?.review && (!found.claim || found.claim.byMe),
  };
}

/** The reviewer's decision. Their language words the messages only: a certificate it issues speaks the learner's. */
export async function reviewAction(actor: User, id: string, form: FormData, t: Translate) {
  const found = await submissionForReader(actor, id);
  const { mod, task } = await moduleAndTask(found.submission.moduleSlug, found.submission.taskSlug);
  if (form.get("intent") === "claim") {
    const claimed = await claimSubmission(actor, id);
    return claimed.ok
      ? { ok: true as const, done: "claimed" as const }
      : { ok: false as const, message: t(claimed.reason === "taken" ? "review.taken" : "review.notWaiting"), errors: {}, values: {} };
  }
  const parsed = parseForm(reviewDecisionSchema(task.rubric.map((c) => ({ id: c.id, levels: c.levels.length }))), form);
  if (!parsed.success) {
    return {
      ok: false as const,
      message: null,
      errors: Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [k, t(v!)])),
      values: parsed.values,
    };
  }
  const d = parsed.data as Record<string, string | number>;
  const result = await decideSubmission(
    actor,
    id,
    mod,
    task,
    {
      decision: d.decision as "approved" | "changes-requested",
      levels: Object.fromEntries(task.rubric.map((c) => [c.id, Number(d[`level.${c.id}`])])),
      comments: Object.fromEntries(task.rubric.map((c) => [c.id, String(d[`comment.${c.id}`])])),
      overall: String(d.overall),
    },
    clockNow(),
  );
  if (result.ok) return { ok: true as const, done: "decided" as const };
  const key = {
    "already-decided": "review.alreadyDecided",
    taken: "review.taken",
    "not-waiting": "review.notWaiting",
    "below-pass": "review.belowPass",
  } as const;
  return { ok: false as const, message: t(key[result.reason], { level: task.minLevel }), errors: {}, values: parsed.data as Record<string, string> };
}
