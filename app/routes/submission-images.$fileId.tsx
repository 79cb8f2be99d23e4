import type { LoaderFunctionArgs } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { requireCan } from "~/auth/policy.server";
import { viewSubmissionImage } from "~/practice/files.server";

/** Handed-in images inline, for the same readers as the downloads (scope checked in viewSubmissionImage). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "submissions.files");
  return viewSubmissionImage(user, routeParam(params, "fileId"));
}
