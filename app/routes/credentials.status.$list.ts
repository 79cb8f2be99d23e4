import type { LoaderFunctionArgs } from "@remix-run/node";
import { statusListCredential } from "~/badges/status-list.server";

/**
 * The revocation status list credential (Bitstring Status List): public, re-signed whenever a
 * certificate is revoked. One list today ("1"); any other name is not found.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  if (params.list !== "1") return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const list = await statusListCredential();
  return new Response(JSON.stringify(list), {
    // Short: a revocation must reach verifiers soon.
    headers: { "Content-Type": "application/vc+ld+json", "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" },
  });
}
