import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogFile } from "~/i18n/client-messages.server";

/**
 * The browser's message catalog for one language and area, named by the hash of its content:
 * interface text only, the same for everyone, so it is public and cached for a year. A name
 * that is not the current catalog's answers 404 (a page from before an update reloads it).
 */
export function loader({ params }: LoaderFunctionArgs) {
  const json = catalogFile(params.file ?? "");
  if (!json) throw new Response("Not found", { status: 404 });
  return new Response(json, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
