import type { Params } from "@remix-run/react";
import { lineText } from "./text";

/**
 * An id or token from the URL path. It goes into database queries, and PostgreSQL refuses a NUL
 * byte in text outright, so anything but plain text is "not found" before it gets that far.
 */
export const RouteParamSchema = lineText().min(1).max(256);

/** The named path parameter, or a 404 response thrown when it is missing or not plain text. */
export function routeParam(params: Params, name: string): string {
  const parsed = RouteParamSchema.safeParse(params[name]);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}
