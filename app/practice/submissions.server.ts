import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { reviewClaims, submissionFiles, submissionVersions, taskReviews, taskSubmissions, type SubmissionState } from "~/db/schema";
import type { ContentModule, PracticalTask } from "~/content/model";
import type { MessageKey } from "~/i18n/translate";
import { newId } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";
import { notifySubmissionWaiting } from "./events.server";
import { fileTypeFromBuffer } from "file-type";
import { checkDocument, checkImage, IMAGE_TYPES, removeBlob, storeBlob } from "./uploads.server";

export type Submission = typeof taskSubmissions.$inferSelect;
export type SubmissionFile = typeof submissionFiles.$inferSelect;
export type ShownState = SubmissionState | "in-review";
export type WorkErrors = Partial<
  Record<"text" | "link" | "images" | "file" | "alt" | "upload", { key: MessageKey; vars?: Record<string, string | number> }>
>;

export function findTask(mod: ContentModule, slug: string | undefined): PracticalTask | null {
  return mod.tasks.find((t) => t.slug === slug) ?? null;
}

export function getSubmission(db: Queryable, userId: string, moduleSlug: string, taskSlug: string): Submission | undefined {
  return db
    .select()
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.userId, userId), eq(taskSubmissions.moduleSlug, moduleSlug), eq(taskSubmissions.taskSlug, taskSlug)))
    .get();
}

/** "In review" is a handed-in version with a live claim; the rest is stored. */
export function shownState(db: Queryable, submission: Pick<Submission, "id" | "state"> | undefined, now = clockNow()): ShownState {
  if (!submission) return "draft";
  if (submission.state !== "submitted") return submission.state;
  const claim = db.select().from(reviewClaims).where(eq(reviewClaims.submissionId, submission.id)).get();
  return claim && claim.expiresAt > now ? "in-review" : "submitted";
}

export function filesOf(db: Queryable, submissionId: string, versionId: string | null): SubmissionFile[] {
  return db
    .select()
    .from(submissionFiles)
    .where(
      and(eq(submissionFiles.submissionId, submissionId), versionId ? eq(submissionFiles.versionId, versionId) : isNull(submissionFiles.versionId)),
    )
    .orderBy(asc(submissionFiles.createdAt), asc(submissionFiles.id))
    .all();
}

/** Every handed-in version, newest first, with its files and decision. */
export function versionsOf(db: Queryable, submissionId: string) {
  const versions = db
    .select()
    .from(submissionVersions)
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(sql`${submissionVersions.version} desc`)
    .all();
  return versions.map((v) => ({
    ...v,
    files: filesOf(db, submissionId, v.id),
    review: db.select().from(taskReviews).where(eq(taskReviews.versionId, v.id)).get() ?? null,
  }));
}

/** The learner's own page for one task. */
export function myTaskView(user: Pick<User, "id">, mod: ContentModule, task: PracticalTask, now = clockNow()) {
  const db = getDb();
  const submission = getSubmission(db, user.id, mod.slug, task.slug);
  return {
    submission: submission ?? null,
    state: shownState(db, submission, now),
    draftFiles: submission ? filesOf(db, submission.id, null) : [],
    versions: submission ? versionsOf(db, submission.id) : [],
    editable: !submission || submission.state === "draft" || submission.state === "changes-requested",
  };
}

/** An image if its bytes say so and the task takes images; otherwise checked as the task's document. */
async function uploadKind(task: PracticalTask, bytes: Buffer | null): Promise<"image" | "file"> {
  if (!task.submit.file) return "image";
  if (!task.submit.images || !bytes) return "file";
  const type = await fileTypeFromBuffer(bytes);
  return type && type.mime in IMAGE_TYPES ? "image" : "file";
}

export type WorkInput = {
  text: string | null;
  link: string | null;
  removeFileIds: string[];
  /** bytes null: the upload was over the size limit. Whether it is an image or a document is decided by its content. */
  upload: { filename: string; bytes: Buffer | null; altText: string | null } | null;
};

function ensureSubmission(tx: Tx, userId: string, mod: ContentModule, task: PracticalTask, now: Date): Submission {
  const existing = getSubmission(tx, userId, mod.slug, task.slug);
  if (existing) return existing;
  const row = {
    id: newId(),
    userId,
    moduleSlug: mod.slug,
    taskSlug: task.slug,
    state: "draft" as const,
    latestVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  tx.insert(taskSubmissions).values(row).onConflictDoNothing().run();
  return getSubmission(tx, userId, mod.slug, task.slug)!;
}

function checkLink(link: string | null): WorkErrors["link"] | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    if (url.protocol !== "https:" || link.length > 2000) return { key: "practice.error.link" };
  } catch {
    return { key: "practice.error.link" };
  }
  return undefined;
}

/**
 * Saves the draft: text, link, a removed file, and at most one new upload per request (checked
 * by content before anything is written). Handed-in versions are never touched.
 */
export async function saveDraft(
  user: Pick<User, "id">,
  mod: ContentModule,
  task: PracticalTask,
  input: WorkInput,
  now = clockNow(),
): Promise<{ ok: true } | { ok: false; errors: WorkErrors }> {
  const errors: WorkErrors = {};
  const linkError = checkLink(input.link);
  if (linkError) errors.link = linkError;
  if (input.text && input.text.length > (task.submit.text?.max ?? 20000))
    errors.text = { key: "practice.error.textTooLong", vars: { max: task.submit.text?.max ?? 20000 } };
  let stored: { name: string; mimeType: string; extension: string; size: number } | null = null;
  const up = input.upload ? { ...input.upload, kind: await uploadKind(task, input.upload.bytes) } : null;
  if (up) {
    if (!task.submit.images && !task.submit.file) errors.upload = { key: "practice.upload.notExpected" };
    else if (!up.bytes) errors.upload = { key: "practice.upload.tooLarge", vars: { max: "10 MB" } };
    else if (up.kind === "image" && !up.altText) errors.alt = { key: "practice.error.altRequired" };
    else if (up.altText && up.altText.length > 500) errors.alt = { key: "practice.error.altTooLong" };
    else {
      const checked = up.kind === "image" ? await checkImage(up.bytes) : await checkDocument(up.bytes, task.submit.file!.types);
      if (!checked.ok) errors.upload = { key: checked.error, vars: checked.vars };
      else stored = { name: "", mimeType: checked.file.mimeType, extension: checked.file.extension, size: checked.file.bytes.length };
      if (checked.ok && Object.keys(errors).length === 0) stored!.name = storeBlob(checked.file.bytes);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const orphaned: string[] = [];
  const result = getDb().transaction(
    (tx) => {
      const sub = ensureSubmission(tx, user.id, mod, task, now);
      if (sub.state !== "draft" && sub.state !== "changes-requested")
        return { ok: false as const, errors: { text: { key: "practice.error.notEditable" as MessageKey } } };
      if (up && stored) {
        const current = filesOf(tx, sub.id, null).filter((f) => f.kind === up.kind).length;
        const max = up.kind === "image" ? task.submit.images!.max : 1;
        if (current >= max) return { ok: false as const, errors: { upload: { key: "practice.error.tooMany" as MessageKey, vars: { max } } } };
      }
      tx.update(taskSubmissions).set({ draftText: input.text, draftLink: input.link, updatedAt: now }).where(eq(taskSubmissions.id, sub.id)).run();
      for (const id of input.removeFileIds) {
        const file = tx
          .select()
          .from(submissionFiles)
          .where(and(eq(submissionFiles.id, id), eq(submissionFiles.submissionId, sub.id), isNull(submissionFiles.versionId)))
          .get();
        if (!file) continue;
        tx.delete(submissionFiles).where(eq(submissionFiles.id, id)).run();
        const still = tx.select({ id: submissionFiles.id }).from(submissionFiles).where(eq(submissionFiles.storedName, file.storedName)).get();
        if (!still) orphaned.push(file.storedName);
      }
      if (up && stored) {
        tx.insert(submissionFiles)
          .values({
            id: newId(),
            submissionId: sub.id,
            versionId: null,
            kind: up.kind,
            storedName: stored.name,
            originalName: up.filename.slice(0, 200) || "upload",
            mimeType: stored.mimeType,
            extension: stored.extension,
            size: stored.size,
            altText: up.kind === "image" ? up.altText : null,
            createdAt: now,
          })
          .run();
      }
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
  if (!result.ok && stored) orphaned.push(stored.name);
  for (const name of orphaned) removeBlob(name);
  return result;
}

/** What the task asks for, checked against the draft; each missing part names its field. */
export function checkRequirements(task: PracticalTask, sub: Pick<Submission, "draftText" | "draftLink">, files: SubmissionFile[]): WorkErrors {
  const errors: WorkErrors = {};
  const s = task.submit;
  const text = (sub.draftText ?? "").trim();
  if (s.text && text.length < s.text.min) errors.text = { key: "practice.error.textTooShort", vars: { min: s.text.min, count: text.length } };
  if (s.text && text.length > s.text.max) errors.text = { key: "practice.error.textTooLong", vars: { max: s.text.max } };
  if (s.link?.required && !sub.draftLink) errors.link = { key: "practice.error.linkRequired" };
  const images = files.filter((f) => f.kind === "image");
  if (s.images && images.length < s.images.min) errors.images = { key: "practice.error.imagesMin", vars: { min: s.images.min } };
  if (images.some((f) => !f.altText)) errors.images = { key: "practice.error.altRequired" };
  if (s.file?.required && !files.some((f) => f.kind === "file")) errors.file = { key: "practice.error.fileRequired" };
  return errors;
}

export type SubmitResult = { ok: true; version: number } | { ok: false; errors: WorkErrors } | { ok: false; reason: "not-editable" };

/**
 * Hands in the draft as a new, unchangeable version. A double submit finds the work already
 * submitted and adds nothing (the state check runs inside the immediate transaction).
 */
export function submitWork(user: Pick<User, "id">, mod: ContentModule, task: PracticalTask, now = clockNow()): SubmitResult {
  return getDb().transaction(
    (tx) => {
      const sub = getSubmission(tx, user.id, mod.slug, task.slug);
      if (sub && sub.state !== "draft" && sub.state !== "changes-requested") return { ok: false, reason: "not-editable" } as const;
      const files = sub ? filesOf(tx, sub.id, null) : [];
      const errors = checkRequirements(task, sub ?? { draftText: null, draftLink: null }, files);
      if (!sub || Object.keys(errors).length > 0)
        return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { text: { key: "practice.error.empty" } } } as const;
      const version = sub.latestVersion + 1;
      const versionId = newId();
      tx.insert(submissionVersions)
        .values({
          id: versionId,
          submissionId: sub.id,
          version,
          taskVersion: task.version,
          rubricHash: task.rubricHash,
          text: sub.draftText?.trim() || null,
          link: sub.draftLink,
          submittedAt: now,
        })
        .run();
      // The draft's files become the version's; the next draft starts from copies of the rows.
      tx.update(submissionFiles)
        .set({ versionId })
        .where(and(eq(submissionFiles.submissionId, sub.id), isNull(submissionFiles.versionId)))
        .run();
      for (const f of files)
        tx.insert(submissionFiles)
          .values({ ...f, id: newId(), versionId: null })
          .run();
      tx.update(taskSubmissions)
        .set({ state: "submitted", latestVersion: version, submittedAt: now, updatedAt: now })
        .where(eq(taskSubmissions.id, sub.id))
        .run();
      notifySubmissionWaiting(tx, {
        submissionId: sub.id,
        userId: user.id,
        moduleSlug: mod.slug,
        moduleTitle: mod.title,
        taskSlug: task.slug,
        version,
        at: now,
      });
      return { ok: true, version } as const;
    },
    { behavior: "immediate" },
  );
}
