import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { certificateForDownload } from "~/certificates/manage.server";
import { certificateFileName, renderCertificatePdf } from "~/certificates/pdf.server";
import { CertificateIdSchema } from "~/schemas/certificates";

/** The PDF of one certificate: the holder's own, or any for HR and admins; else 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? certificateForDownload(user, id.data) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const bytes = await renderCertificatePdf(cert);
  const name = certificateFileName(cert);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
