import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { downloadSubmissionFile } from "~/practice/files.server";

/** Downloads only: who may fetch which file is decided in downloadSubmissionFile. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return downloadSubmissionFile(user, params.fileId ?? "");
}
