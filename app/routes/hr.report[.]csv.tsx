import type { LoaderFunctionArgs } from "@remix-run/node";
import { trainingRecordDownload } from "~/reports/export.server";

/**
 * The filtered training record as CSV (UTF-8 with BOM, ISO days), streamed while it is built:
 * the same filters as the page, so the file holds exactly the rows the page counts.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return trainingRecordDownload(request, "csv");
}
