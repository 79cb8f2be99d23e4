import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { certificatesForExport, filtersFromQuery, recordBulkDownload } from "~/certificates/manage.server";
import { certificatesZipStream } from "~/certificates/zip.server";
import { getConfig } from "~/config.server";
import { todayIn } from "~/utils/dates";
import { CertificateListQuerySchema } from "~/schemas/certificates";
import { formToObject } from "~/schemas/form";
import { clockNow } from "~/utils/clock.server";

/**
 * The certificates matching HR's filters as one ZIP of PDFs, streamed: the PDFs are built one
 * by one while the download runs (zip.server.ts), so neither the list nor the archive is ever
 * held in memory whole.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "certificates.manage");
  const query = CertificateListQuerySchema.parse(formToObject(new URL(request.url).searchParams));
  const { timeZone } = getConfig();
  const now = clockNow();
  const { q, orgUnit, module, from, to, status } = query;
  const filters = await filtersFromQuery(query, timeZone);
  await recordBulkDownload(actor, { q, orgUnit, module, from, to, status }, now);
  const stream = certificatesZipStream(certificatesForExport(actor, filters, now), now);
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="certificates-${todayIn(timeZone, now)}.zip"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
