import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { requireCan } from "~/auth/policy.server";
import { badgeForPathCertificate, pathBadgeFileName } from "~/badges/path-badge.server";
import { getDb } from "~/db/client.server";
import { findPathCertificate } from "~/paths/certificates.server";
import { CertificateIdSchema } from "~/schemas/certificates";
import { clockNow } from "~/utils/clock.server";

/**
 * A learning path certificate's Open Badges 3.0 credential as a file: the holder's own, or any
 * for HR and admins; else 404 (as its PDF). Kept when the path certificate was issued (ADR 0031).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? await findPathCertificate(getDb(), id.data, can(user, "certificates.manage") ? null : user.id) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const body = JSON.stringify(await badgeForPathCertificate(cert, clockNow()), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${pathBadgeFileName(cert)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
