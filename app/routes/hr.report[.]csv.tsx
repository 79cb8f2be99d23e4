import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { getContent } from "~/content/registry.server";
import { resolveLocale } from "~/i18n/locale.server";
import { downloadHeaders, exportTrainingRecord } from "~/reports/export.server";
import { resolveFilters } from "~/reports/training-record.server";
import { parseReportQuery } from "~/schemas/reports";

/**
 * The filtered training record as CSV (UTF-8 with BOM, ISO days), streamed while it is built:
 * the same filters as the page, so the file holds exactly the rows the page counts.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reports.read");
  const locale = await resolveLocale(request, actor);
  const { query } = parseReportQuery(new URL(request.url).searchParams);
  const state = await getContent();
  const { filters } = resolveFilters(query, state);
  const { stream, filename, contentType } = exportTrainingRecord(actor, state, filters, "csv", { locale });
  return new Response(stream, { headers: downloadHeaders(filename, contentType) });
}
