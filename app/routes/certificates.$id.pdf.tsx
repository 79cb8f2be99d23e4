import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { certificateIn, requestedLanguage } from "~/certificates/language.server";
import { certificateForDownload } from "~/certificates/manage.server";
import { getTranslator } from "~/i18n/locale.server";
import { certificateFileName, renderCertificatePdf } from "~/certificates/pdf.server";
import { CertificateIdSchema } from "~/schemas/certificates";

/**
 * The PDF of one certificate: the holder's own, or any for HR and admins; else 404. In the
 * certificate's language, or the other one with ?lang=en|id.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? await certificateForDownload(user, id.data) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const lang = requestedLanguage(new URL(request.url));
  if (lang === null) {
    const { t } = await getTranslator(request, user);
    return new Response(t("certificates.langInvalid"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const bytes = await renderCertificatePdf(lang ? await certificateIn(cert, lang) : cert);
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
