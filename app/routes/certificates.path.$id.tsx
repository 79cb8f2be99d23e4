import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/policy";
import { requireCan } from "~/auth/policy.server";
import { requestedLanguage } from "~/certificates/language.server";
import { renderCertificatePdf } from "~/certificates/pdf.server";
import { getDb } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { findPathCertificate } from "~/paths/certificates.server";
import { pathCertificateForPdf } from "~/paths/verify.server";
import { CertificateIdSchema } from "~/schemas/certificates";

/** The PDF of a learning path certificate: the holder's own (HR and admins: anyone's); else 404. ?lang=en|id as for modules. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? await findPathCertificate(getDb(), id.data, can(user, "certificates.manage") ? null : user.id) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const lang = requestedLanguage(new URL(request.url));
  if (lang === null) {
    const { t } = await getTranslator(request, user);
    return new Response(t("certificates.langInvalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const bytes = await renderCertificatePdf(await pathCertificateForPdf(cert, lang));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="path-certificate-${cert.code}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
