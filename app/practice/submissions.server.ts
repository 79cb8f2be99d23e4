import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { writeTransaction } from "~/db/transaction.server";
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

export async function getSubmission(db: Queryable, userId: string, moduleSlug: string, taskSlug: string): Promise<Submission | undefined> {
  const [row] = await db
    .select()
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.userId, userId), eq(taskSubmissions.moduleSlug, moduleSlug), eq(taskSubmissions.taskSlug, taskSlug)));
  return row;
}

/** "In review" is a handed-in version with a live claim; the rest is stored. */
export async function shownState(db: Queryable, submission: Pick<Submission, "id" | "state"> | undefined, now = clockNow()): Promise<ShownState> {
  if (!submission) return "draft";
  if (submission.state !== "submitted") return submission.state;
  const [claim] = await db.select().from(reviewClaims).where(eq(reviewClaims.submissionId, submission.id));
  return claim && claim.expiresAt > now ? "in-review" : "submitted";
}

export async function filesOf(db: Queryable, submissionId: string, versionId: string | null): Promise<SubmissionFile[]> {
  return db
    .select()
    .from(submissionFiles)
    .where(
      and(eq(submissionFiles.submissionId, submissionId), versionId ? eq(submissionFiles.versionId, versionId) : isNull(submissionFiles.versionId)),
    )
    .orderBy(asc(submissionFiles.createdAt), asc(submissionFiles.id));
}

/** Every handed-in version, newest first, with its files and decision. */
export async function versionsOf(db: Queryable, submissionId: string) {
  const versions = await db
    .select()
    .from(submissionVersions)
    .where(eq(submissionVersions.submissionId, submissionId))
    .orderBy(sql`${submissionVersions.version} desc`);
  const out = [];
  // One version after another: inside a transaction (PostgreSQL) queries on one connection queue anyway.
  for (const v of versions) {
    const [review] = await db.select().from(taskReviews).where(eq(taskReviews.versionId, v.id));
    out.push({ ...v, files: await filesOf(db, submissionId, v.id), review: review ?? null });
  }
  return out;
}

/** The learner's own page for one task. */
export async function myTaskView(user: Pick<User, "id">, mod: ContentModule, task: PracticalTask, now = clockNow()) {
  const db = getDb();
  const submission = await getSubmission(db, user.id, mod.slug, task.slug);
  return {
    submission: submission ?? null,
    state: await shownState(db, submission, now),
    draftFiles: submission ? await filesOf(db, submission.id, null) : [],
    versions: submission ? await versionsOf(db, submission.id) : [],
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

async function ensureSubmission(tx: Tx, userId: string, mod: ContentModule, task: PracticalTask, now: Date): Promise<Submission> {
  const existing = await getSubmission(tx, userId, mod.slug, task.slug);
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
  await tx.insert(taskSubmissions).values(row).onConflictDoNothing();
  return (await getSubmission(tx, userId, mod.slug, task.slug))!;
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
  type SaveResult = { ok: true } | { ok: false; errors: WorkErrors };
  const result = await writeTransaction(async (tx): Promise<SaveResult> => {
    const sub = await ensureSubmission(tx, user.id, mod, task, now);
    if (sub.state !== "draft" && sub.state !== "changes-requested") return { ok: false, errors: { text: { key: "practice.error.notEditable" } } };
    if (up && stored) {
      const current = (await filesOf(tx, sub.id, null)).filter((f) => f.kind === up.kind).length;
      const max = up.kind === "image" ? task.submit.images!.max : 1;
      if (current >= max) return { ok: false, errors: { upload: { key: "practice.error.tooMany", vars: { max } } } };
    }
    await tx.update(taskSubmissions).set({ draftText: input.text, draftLink: input.link, updatedAt: now }).where(eq(taskSubmissions.id, sub.id));
    for (const id of input.removeFileIds) {
      const [file] = await tx
        .select()
        .from(submissionFiles)
        .where(and(eq(submissionFiles.id, id), eq(submissionFiles.submissionId, sub.id), isNull(submissionFiles.versionId)));
      if (!file) continue;
      await tx.delete(submissionFiles).where(eq(submissionFiles.id, id));
      const [still] = await tx
        .select({ id: submissionFiles.id })
        .from(submissionFiles)
        .where(eq(submissionFiles.storedName, file.storedName))
        .limit(1);
      if (!still) orphaned.push(file.storedName);
    }
    if (up && stored) {
      await tx.insert(submissionFiles).values({
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
      });
    }
    return { ok: true };
  });
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
export async function submitWork(user: Pick<User, "id">, mod: ContentModule, task: PracticalTask, now = clockNow()): Promise<SubmitResult> {
  return writeTransaction(async (tx): Promise<SubmitResult> => {
    const sub = await getSubmission(tx, user.id, mod.slug, task.slug);
    if (sub && sub.state !== "draft" && sub.state !== "changes-requested") return { ok: false, reason: "not-editable" };
    const files = sub ? await filesOf(tx, sub.id, null) : [];
    const errors = checkRequirements(task, sub ?? { draftText: null, draftLink: null }, files);
    if (!sub || Object.keys(errors).length > 0)
      return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { text: { key: "practice.error.empty" } } };
    const version = sub.latestVersion + 1;
    const versionId = newId();
    await tx.insert(submissionVersions).values({
      id: versionId,
      submissionId: sub.id,
      version,
      taskVersion: task.version,
      rubricHash: task.rubricHash,
      text: sub.draftText?.trim() || null,
      link: sub.draftLink,
      submittedAt: now,
    });
    // The draft's files become the version's; the next draft starts from copies of the rows.
    await tx
      .update(submissionFiles)
      .set({ versionId })
      .where(and(eq(submissionFiles.submissionId, sub.id), isNull(submissionFiles.versionId)));
    for (const f of files) await tx.insert(submissionFiles).values({ ...f, id: newId(), versionId: null });
    await tx
      .update(taskSubmissions)
      .set({ state: "submitted", latestVersion: version, submittedAt: now, updatedAt: now })
      .where(eq(taskSubmissions.id, sub.id));
    await notifySubmissionWaiting(tx, {
      submissionId: sub.id,
      userId: user.id,
      moduleSlug: mod.slug,
      moduleTitle: mod.title,
      taskSlug: task.slug,
      version,
      at: now,
    });
    return { ok: true, version };
  });
}
