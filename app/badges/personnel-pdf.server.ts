import type { Certificate } from "~/certificates/issue.server";
import { certificatePalette, drawQr, fitSize, wrap } from "~/certificates/pdf-draw.server";
import { loadCertificateFonts, printableText } from "~/certificates/pdf-fonts.server";
import { verifyUrl } from "~/certificates/pdf.server";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema/users";
import { isLocale, makeTranslator, type MessageKey } from "~/i18n";
import { formatDate, formatHours } from "~/i18n/format";
import { loadPdfLib } from "~/utils/lazy-libraries.server";

// The certificate for the civil-service personnel record: a plain A4 portrait page that states,
// label by label, what the record asks for when a training certificate is uploaded (name, NIP,
// training, type, learning hours, learning period, organiser, number and date), with the QR
// code of the public verify page. Same fonts and colours as the certificate itself.

const A4 = { width: 595.28, height: 841.89 } as const;

export type PersonnelCertificate = Pick<
  Certificate,
  "code" | "holderName" | "staffNumber" | "moduleTitle" | "locale" | "hours" | "issuedAt" | "expiresAt" | "revokedAt"
> & { learningStart: Date | null };

export async function renderPersonnelPdf(cert: PersonnelCertificate): Promise<Uint8Array> {
  const config = getConfig();
  const locale: Locale = isLocale(cert.locale) ? cert.locale : "en";
  const t = makeTranslator(locale);
  const date = (d: Date) => formatDate(locale, d, config.timeZone);
  const fontFiles = await loadCertificateFonts();
  const p = (text: string) => printableText(text, fontFiles.characters) || "-";
  const pdfLib = await loadPdfLib();
  const colors = certificatePalette(pdfLib);
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontFiles.fontkit);
  const features = () => ({ liga: false, clig: false, dlig: false, ccmp: false });
  const regular = await doc.embedFont(fontFiles.regular, { subset: true, features: features() });
  const bold = await doc.embedFont(fontFiles.bold, { subset: true, features: features() });
  const heading = t("badges.personnelHeading");
  doc.setTitle(`${heading}: ${cert.holderName} · ${cert.moduleTitle}`, { showInWindowTitleBar: true });
  doc.setAuthor(config.orgName);
  doc.setLanguage(locale === "id" ? "id-ID" : "en-GB");
  doc.setCreationDate(cert.issuedAt);
  doc.setModificationDate(cert.revokedAt ?? cert.issuedAt);

  const page = doc.addPage([A4.width, A4.height]);
  const left = 64;
  const width = A4.width - 2 * left;
  let y = A4.height - 84;
  page.drawText(p(config.orgName), { x: left, y, size: fitSize(bold, p(config.orgName), 13, width), font: bold, color: colors.muted });
  y -= 44;
  page.drawText(heading, { x: left, y, size: fitSize(bold, heading, 22, width), font: bold, color: colors.accent });
  page.drawLine({ start: { x: left, y: y - 12 }, end: { x: left + width, y: y - 12 }, thickness: 1, color: colors.accent });
  y -= 44;
  const intro = wrap(regular, p(t("badges.personnelIntro", { org: config.orgName })), 11, width, 3, 9);
  for (const line of intro.lines) {
    page.drawText(line, { x: left, y, size: intro.size, font: regular, color: colors.ink });
    y -= intro.size + 5;
  }
  y -= 18;

  const period = cert.learningStart ? `${date(cert.learningStart)} – ${date(cert.issuedAt)}` : date(cert.issuedAt);
  const rows: [MessageKey, string][] = [
    ["badges.personnelName", cert.holderName],
    ["badges.personnelStaffNumber", cert.staffNumber ?? "-"],
    ["badges.personnelTraining", cert.moduleTitle],
    ["badges.personnelType", t("badges.personnelTypeValue")],
    ["badges.personnelHours", cert.hours ? t("hours.value", { hours: formatHours(locale, cert.hours) }) : "-"],
    ["badges.personnelPeriod", period],
    ["badges.personnelIssuer", config.orgName],
    ["badges.personnelNumber", cert.code],
    ["badges.personnelIssued", date(cert.issuedAt)],
    ["badges.personnelValidUntil", cert.expiresAt ? date(cert.expiresAt) : t("pdf.noExpiry")],
  ];
  const labelWidth = 170;
  for (const [label, value] of rows) {
    const text = wrap(bold, p(value), 11.5, width - labelWidth, 2, 8);
    page.drawText(t(label), { x: left, y, size: fitSize(regular, t(label), 10.5, labelWidth - 10), font: regular, color: colors.muted });
    for (const [i, line] of text.lines.entries()) {
      page.drawText(line, { x: left + labelWidth, y: y - i * (text.size + 4), size: text.size, font: bold, color: colors.ink });
    }
    y -= 14 + text.lines.length * (text.size + 4);
    page.drawLine({ start: { x: left, y: y + 8 }, end: { x: left + width, y: y + 8 }, thickness: 0.4, color: colors.muted });
  }

  if (cert.revokedAt) {
    y -= 16;
    const banner = t("badges.personnelRevoked", { date: date(cert.revokedAt) });
    page.drawRectangle({ x: left - 6, y: y - 8, width: width + 12, height: 26, color: colors.danger });
    page.drawText(banner, { x: left, y, size: fitSize(bold, banner, 11, width), font: bold, color: colors.white });
  }

  if (config.signatoryName) {
    const sig = p(config.signatoryName);
    page.drawLine({ start: { x: left, y: 200 }, end: { x: left + 220, y: 200 }, thickness: 0.75, color: colors.ink });
    page.drawText(sig, { x: left, y: 184, size: fitSize(bold, sig, 11, 220), font: bold, color: colors.ink });
    if (config.signatoryTitle) {
      const title = p(config.signatoryTitle);
      page.drawText(title, { x: left, y: 170, size: fitSize(regular, title, 9.5, 220), font: regular, color: colors.muted });
    }
  }

  const url = verifyUrl(cert.code);
  const qr = 92;
  drawQr(page, colors, url, A4.width - left - qr, 64, qr);
  page.drawText(t("badges.personnelVerify"), { x: left, y: 100, size: 9.5, font: regular, color: colors.muted });
  page.drawText(url, { x: left, y: 86, size: fitSize(regular, url, 9.5, width - qr - 20, 5), font: regular, color: colors.ink });
  return doc.save();
}
