import { z } from "~/utils/zod";
import { CONTROL_CHARS_IN_TEXT } from "./text";

/** Ours are about 4 KB; anything many times that is not one of ours. */
export const CREDENTIAL_MAX_BYTES = 32 * 1024;

/** The credential as text, from the uploaded file or the paste box of the verify page. */
export const CredentialTextSchema = z
  .string()
  .trim()
  .min(1, "badges.errorEmpty")
  // Pasted or uploaded JSON keeps its line breaks and tabs; no credential of ours holds other controls.
  .refine((text) => !CONTROL_CHARS_IN_TEXT.test(text), "validation.controlCharsText")
  .refine((text) => Buffer.byteLength(text, "utf8") <= CREDENTIAL_MAX_BYTES, "badges.errorTooLarge");
