import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { submissionFiles, taskSubmissions, users } from "~/db/schema";
import { maySeeSubmission } from "./access.server";
import { blobPath, safeDownloadName } from "./uploads.server";

/**
 * An uploaded file as a download, for its author, the module's reviewers, HR and admins. Anyone
 * else gets 404 (not 403), so file ids cannot be probed. Always an attachment, never rendered:
 * nosniff and a sandboxing CSP even if a browser opens it.
 */
export function downloadSubmissionFile(actor: User, fileId: string): Response {
  const row = getDb()
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
    .where(eq(submissionFiles.id, fileId))
    .get();
  const own = row?.userId === actor.id;
  // Reviewers see handed-in files only, never a draft still being written.
  if (!row || !maySeeSubmission(actor, row, row.unitId) || (!own && row.file.versionId === null)) {
    throw new Response("Not found", { status: 404, statusText: "Not Found" });
  }
  const body = fs.readFileSync(blobPath(row.file.storedName));
  const name = safeDownloadName(row.file.originalName, row.file.extension);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": row.file.mimeType,
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
