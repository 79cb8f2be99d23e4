import fs from "node:fs";
import { eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { submissionFiles, taskSubmissions, users } from "~/db/schema";
import { maySeeSubmission } from "./access.server";
import { blobPath, IMAGE_TYPES, safeDownloadName } from "./uploads.server";

const notFound = () => new Response("Not found", { status: 404, statusText: "Not Found" });

/**
 * A stored file the actor may read: its author, the module's reviewers in scope, HR and admins.
 * Anyone else gets 404 (not 403), so file ids cannot be probed. Reviewers see handed-in files
 * only, never a draft still being written.
 */
async function readableFile(actor: User, fileId: string) {
  const [row] = await getDb()
    .select({
      file: submissionFiles,
      userId: taskSubmissions.userId,
      moduleSlug: taskSubmissions.moduleSlug,
      state: taskSubmissions.state,
      unitId: users.orgUnitId,
    })
    .from(submissionFiles)
    .innerJoin(taskSubmissions, eq(taskSubmissions.id, submissionFiles.submissionId))
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .where(eq(submissionFiles.id, fileId));
  const own = row?.userId === actor.id;
  if (!row || !(await maySeeSubmission(actor, row, row.unitId)) || (!own && row.file.versionId === null)) throw notFound();
  return row.file;
}

/**
 * An uploaded file as a download. Always an attachment, never rendered: nosniff and a
 * sandboxing CSP even if a browser opens it.
 */
export async function downloadSubmissionFile(actor: User, fileId: string): Promise<Response> {
  const file = await readableFile(actor, fileId);
  const body = fs.readFileSync(blobPath(file.storedName));
  const name = safeDownloadName(file.originalName, file.extension);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}

/**
 * A handed-in image shown inline (the reviewer's page, the learner's own page). Only what the
 * store holds: the re-encoded JPEG, PNG or WebP that checkImage wrote (the original upload is
 * never kept), served under its own type after its bytes are checked to be that type again.
 * Anything else, a document included, is a 404 here: documents are downloads only.
 */
export async function viewSubmissionImage(actor: User, fileId: string): Promise<Response> {
  const file = await readableFile(actor, fileId);
  if (file.kind !== "image" || !(file.mimeType in IMAGE_TYPES)) throw notFound();
  const body = fs.readFileSync(blobPath(file.storedName));
  if ((await fileTypeFromBuffer(body))?.mime !== file.mimeType) throw notFound();
  const name = safeDownloadName(file.originalName, file.extension);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(body.length),
      "Content-Disposition": `inline; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      // Opened on its own, the picture can load nothing and run nothing.
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
