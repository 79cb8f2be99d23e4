import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { getSessionUser } from "~/auth/session.server";
import { getContent } from "~/content/registry.server";

const TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
};

/**
 * Pictures beside the lessons. The module's content hash is part of the URL, so a changed
 * module gets new URLs and the files can be cached for a year.
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
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type || !file.startsWith(mod.dir + path.sep) || !fs.existsSync(file)) throw new Response("Not found", { status: 404 });
  const immutable = params.hash === mod.contentHash;
  return new Response(fs.readFileSync(file), {
    headers: {
      "Content-Type": type,
      "Cache-Control": immutable ? "private, max-age=31536000, immutable" : "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      ...(type === "image/svg+xml" ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" } : {}),
    },
  });
}
