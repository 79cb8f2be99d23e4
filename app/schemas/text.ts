import { z } from "~/utils/zod";

/**
 * C0 and C1 control characters (NUL, tab, line breaks, escape, …) and the Unicode line and
 * paragraph separators. None belongs in a one-line name or code, and they would reach CSV
 * exports, audit records and certificates raw.
 */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The same, less the tab and the line breaks a textarea sends (\n, and \r of CRLF). */
export const CONTROL_CHARS_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

export function hasControlChars(value: string) {
  return CONTROL_CHARS.test(value);
}

/**
 * A one-line text field: control characters are refused with their own message. Every
 * single-line string a form or query sends goes through this (tests/unit/control-chars.test.ts
 * posts them into every field of every schema here).
 */
export function lineText() {
  return z.string().refine((v) => !hasControlChars(v), "validation.controlChars");
}

/** A textarea: line breaks and tabs are text, NUL, escape and the other controls are not. */
export function multiLineText() {
  return z.string().refine((v) => !CONTROL_CHARS_IN_TEXT.test(v), "validation.controlCharsText");
}
