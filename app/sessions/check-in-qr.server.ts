// The QR code on the host page: an SVG drawn on the server (no script, prints and projects
// sharply), pointing at the check-in page with the code filled in. The page always shows the
// code as text beside it, and the SVG carries a text alternative, so nobody depends on a camera.
import QRCode from "qrcode";

/** The check-in address a QR code and the host page's link carry. */
export function checkInUrl(publicUrl: string, sessionId: string, code: string): string {
  const url = new URL(`/sessions/${encodeURIComponent(sessionId)}/check-in`, publicUrl);
  url.searchParams.set("code", code);
  return url.toString();
}

/** An SVG of the QR code for `text`, with role="img" and the given accessible name. */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const escaped = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return svg.replace("<svg ", `<svg role="img" aria-label="${escaped}" focusable="false" `);
}
