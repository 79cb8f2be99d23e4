import type { LoaderFunctionArgs } from "@remix-run/node";
import { trainingRecordDownload } from "~/reports/export.server";

/**
 * The filtered training record as an Excel workbook (date and number cells, frozen header,
 * autofilter, a second sheet naming the filters), streamed while it is built: the same
 * filters as the page, so the file holds exactly the rows the page counts.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return trainingRecordDownload(request, "xlsx");
}
