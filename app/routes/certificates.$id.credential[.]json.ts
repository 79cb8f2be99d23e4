import type { LoaderFunctionArgs } from "@remix-run/node";
import { badgeFileName, badgeForCertificate } from "~/badges/certificate-badge.server";
import { requireCan } from "~/auth/policy.server";
import { certificateForDownload } from "~/certificates/manage.server";
import { CertificateIdSchema } from "~/schemas/certificates";

/**
 * The certificate's Open Badges 3.0 credential as a file: the holder's own, or any for HR and
 * admins; else 404 (as the PDF). Made and kept at the first download (ADR 0028).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? await certificateForDownload(user, id.data) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const body = JSON.stringify(await badgeForCertificate(cert), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${badgeFileName(cert)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
