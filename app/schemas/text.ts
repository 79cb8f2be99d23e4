import { z } from "zod";

/**
 * C0 and C1 control characters (NUL, tab, line breaks, escape, …) and the Unicode line and
 * paragraph separators. None belongs in a one-line name or code, and they would reach CSV
 * exports, audit records and certificates raw.
 */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function hasControlChars(value: string) {
  return CONTROL_CHARS.test(value);
}

/** A one-line text field: control characters are refused with their own message. */
export function lineText() {
  return z.string().refine((v) => !hasControlChars(v), "validation.controlChars");
}
