import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { getSessionUser } from "~/auth/session.server";
import { findLessonModule, lessonModuleResponse } from "~/content/lesson-modules.server";

/**
 * A compiled lesson as an ES module, named by the hash of its bytes. Published lessons are open
 * to anyone (no answers are in them); a draft's module answers 404, as if it did not exist, to
 * anyone who may not preview content.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const entry = await findLessonModule(params.file ?? "");
  if (!entry) throw new Response("Not found", { status: 404 });
  if (!entry.public) {
    const found = await getSessionUser(request);
    if (!found || !can(found.user, "content.preview")) throw new Response("Not found", { status: 404 });
  }
  return lessonModuleResponse(request, entry);
}
