import type { User } from "lucia";
import type { ContentModule, PracticalTask } from "~/content/model";
import { pick } from "~/content/model";
import type { Locale } from "~/db/schema";
import type { Translate } from "~/i18n/translate";
import { isMultipart, parseUploadForm } from "./multipart.server";
import { myTaskView, saveDraft, submitWork, type WorkErrors } from "./submissions.server";

/** The task in the reader's language, for the staff and review pages. */
export function taskForPage(mod: ContentModule, task: PracticalTask, locale: Locale) {
  return {
    slug: task.slug,
    version: task.version,
    title: pick(task.title, locale),
    instructions: pick(task.instructions, locale),
    scenario: task.scenario
      ? {
          platform: task.scenario.platform,
          account: pick(task.scenario.account, locale),
          kind: task.scenario.kind,
          text: pick(task.scenario.text, locale),
        }
      : null,
    submit: task.submit,
    minLevel: task.minLevel,
    rubric: task.rubric.map((c) => ({
      id: c.id,
      title: pick(c.title, locale),
      levels: c.levels.map((l) => ({ points: l.points, descriptor: pick(l.descriptor, locale) })),
    })),
    moduleSlug: mod.slug,
    moduleTitle: pick(mod.title, locale),
    linkBase: `/content-assets/${mod.slug}/${mod.contentHash}`,
  };
}

export function translateErrors(t: Translate, errors: WorkErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, e]) => [field, t(e!.key, e!.vars)]));
}

/**
 * The learner's page. `feedback` is the review of the newest handed-in version, if decided: the
 * page shows it first, above the task, so returned work is read before it is changed.
 */
export async function taskPageData(user: User, mod: ContentModule, task: PracticalTask, locale: Locale) {
  const view = await myTaskView(user, mod, task);
  const latest = view.versions[0];
  const feedback = latest?.review ? { versionId: latest.id, version: latest.version, review: latest.review } : null;
  return { task: taskForPage(mod, task, locale), ...view, feedback };
}

function field(fields: Map<string, string[]> | FormData, name: string) {
  const v = fields instanceof FormData ? fields.get(name) : fields.get(name)?.[0];
  return typeof v === "string" ? v : "";
}

/** Save, remove a file, or hand in: one form, posted with or without JavaScript. */
export async function handleTaskPost(request: Request, user: User, mod: ContentModule, task: PracticalTask, t: Translate) {
  let fields: Map<string, string[]> | FormData;
  let upload: { filename: string; bytes: Buffer | null; altText: string | null } | null = null;
  if (isMultipart(request)) {
    const parsed = await parseUploadForm(request);
    fields = parsed.fields;
    const f = parsed.files[0];
    if (f) upload = { filename: f.filename, bytes: "bytes" in f ? f.bytes : null, altText: field(fields, "alt").trim() || null };
  } else {
    fields = await request.formData();
  }
  const intent = field(fields, "intent") === "submit" ? "submit" : "save";
  const remove = field(fields, "remove");
  const text = field(fields, "text").replace(/\r\n/g, "\n");
  const link = field(fields, "link").trim();
  const values = { text, link, alt: upload?.altText ?? "" };
  const saved = await saveDraft(user, mod, task, { text: text || null, link: link || null, removeFileIds: remove ? [remove] : [], upload });
  if (!saved.ok) return { ok: false as const, errors: translateErrors(t, saved.errors), values };
  if (intent === "save" || remove) return { ok: true as const, done: "saved" as const };
  const submitted = await submitWork(user, mod, task);
  if (submitted.ok) return { ok: true as const, done: "submitted" as const };
  if ("reason" in submitted) return { ok: false as const, errors: { text: t("practice.error.notEditable") }, values };
  return { ok: false as const, errors: translateErrors(t, submitted.errors), values };
}
