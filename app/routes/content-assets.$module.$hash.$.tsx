import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { getSessionUser } from "~/auth/session.server";
import { pictureWithinBytes } from "~/content/picture-budget.server";
import { getContent } from "~/content/registry.server";

const PICTURES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
};

/** Files a task hands out (a sample export, say), from the module's files/ folder: downloads only. */
const DOWNLOADS: Record<string, string> = {
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".pdf": "application/pdf",
};

/**
 * Pictures beside the lessons, and the files in a module's files/ folder. The module's content
 * hash is part of the URL, so a changed module gets new URLs and the files can be cached for a year.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  // Pictures answer 404, not a login redirect, to anyone who may not take lessons.
  if (!found || !can(found.user, "learning.take")) throw new Response("Not found", { status: 404 });
  const state = await getContent();
  const mod = state.modules.get(params.module ?? "");
  const canSeeDrafts = can(found.user, "content.preview");
  if (!mod || (mod.status !== "published" && !canSeeDrafts)) throw new Response("Not found", { status: 404 });
  const rel = params["*"] ?? "";
  const file = path.resolve(mod.dir, rel);
  const ext = path.extname(file).toLowerCase();
  const download = file.startsWith(path.join(mod.dir, "files") + path.sep) ? DOWNLOADS[ext] : undefined;
  const type = download ?? PICTURES[ext];
  if (!type || !file.startsWith(mod.dir + path.sep) || !fs.existsSync(file)) throw new Response("Not found", { status: 404 });
  // A picture over the budget (which content:check reports as an error) is never sent whole.
  if (!download && !pictureWithinBytes(file)) throw new Response("Not found", { status: 404 });
  const immutable = params.hash === mod.contentHash;
  return new Response(fs.readFileSync(file), {
    headers: {
      "Content-Type": type,
      "Cache-Control": immutable ? "private, max-age=31536000, immutable" : "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      ...(type === "image/svg+xml" ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" } : {}),
      ...(download ? { "Content-Disposition": `attachment; filename="${path.basename(file)}"` } : {}),
    },
  });
}
