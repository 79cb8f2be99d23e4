import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { certificateIn, requestedLanguage } from "~/certificates/language.server";
import { certificateForDownload } from "~/certificates/manage.server";
import { getTranslator } from "~/i18n/locale.server";
import { certificateFileName, renderCertificatePdf } from "~/certificates/pdf.server";
import { CertificateIdSchema, CertificateFormSchema } from "~/schemas/certificates";
import { learningStart } from "~/badges/certificate-badge.server";
import { renderPersonnelPdf } from "~/badges/personnel-pdf.server";

/**
 * The PDF of one certificate: the holder's own, or any for HR and admins; else 404. In the
 * certificate's language, or the other one with ?lang=en|id. ?form=personnel: the A4 statement
 * for the civil-service personnel record (learning hours, period, organiser).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const id = CertificateIdSchema.safeParse(params.id);
  const cert = id.success ? await certificateForDownload(user, id.data) : null;
  if (!cert) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const url = new URL(request.url);
  const lang = requestedLanguage(url);
  const form = CertificateFormSchema.safeParse(url.searchParams.get("form") ?? undefined);
  if (lang === null || !form.success) {
    const { t } = await getTranslator(request, user);
    const message = lang === null ? t("certificates.langInvalid") : t("badges.formInvalid");
    return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const shown = lang ? await certificateIn(cert, lang) : cert;
  const personnel = form.data === "personnel";
  const bytes = personnel ? await renderPersonnelPdf({ ...shown, learningStart: await learningStart(cert) }) : await renderCertificatePdf(shown);
  const name = personnel ? certificateFileName(cert).replace(/\.pdf$/, "_personnel.pdf") : certificateFileName(cert);
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
