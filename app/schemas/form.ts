import type { z } from "zod";
import type { MessageKey } from "~/i18n";

/** Field name → message key from the catalogs, rendered in the user's language. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export type ParsedForm<T> = { success: true; data: T } | { success: false; errors: FieldErrors; values: Record<string, string> };

const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  invalid_type: "validation.required",
  too_small: "validation.tooShort",
  too_big: "validation.tooLong",
  invalid_format: "validation.invalid",
  invalid_value: "validation.invalid",
};

function messageKeyOf(issue: z.core.$ZodIssue): MessageKey {
  if (issue.message.startsWith("validation.")) return issue.message as MessageKey;
  return CODE_MESSAGES[issue.code] ?? "validation.invalid";
}

/**
 * Form data (or a query string) into a plain object: repeated names become arrays only when
 * the schema expects an array, which the caller marks with `arrayFields`.
 */
export function formToObject(form: FormData | URLSearchParams, arrayFields: readonly string[] = []) {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrayFields.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrayFields) out[key] ??= [];
  return out;
}

/**
 * A query string read with a schema whose fields each `.catch(undefined)`: the readable values,
 * and the keys of the non-empty values that could not be read, for the page to name.
 */
export function readQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): { query: z.output<S>; ignored: string[] } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const query = schema.parse(raw) as z.output<S>;
  const ignored = Object.entries(raw)
    .filter(([key, value]) => value.trim() !== "" && (query as Record<string, unknown>)[key] === undefined)
    .map(([key]) => key);
  return { query, ignored };
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData | URLSearchParams,
  arrayFields: readonly string[] = [],
): ParsedForm<z.output<S>> {
  const raw = formToObject(form, arrayFields);
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= messageKeyOf(issue);
  }
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    // Never echo a password back into the page.
    if (typeof v === "string" && !/password/i.test(k)) values[k] = v;
  }
  return { success: false, errors, values };
}
