// A template as a download: never shown inline, so a browser never renders its contents.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { templateDownload } from "~/content/template-downloads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCan(request, "learning.take");
  const download = await templateDownload(params.file ?? "");
  if (!download) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(download.body), {
    headers: {
      "Content-Type": download.type,
      "Content-Disposition": `attachment; filename="${download.name}"`,
      "Content-Length": String(download.body.length),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
