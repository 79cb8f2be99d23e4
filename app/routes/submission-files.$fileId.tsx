import type { LoaderFunctionArgs } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { requireCan } from "~/auth/policy.server";
import { downloadSubmissionFile } from "~/practice/files.server";

/** Downloads only: whose files the capability's scope reaches is decided in downloadSubmissionFile. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "submissions.files");
  return downloadSubmissionFile(user, routeParam(params, "fileId"));
}
