import { z } from "~/utils/zod";
import { hasControlChars } from "./text";

const sha256Hex = z.string().regex(/^[a-f0-9]{64}$/, "validation.invalid");

/**
 * The apply step: the checked file's text comes back in a hidden field with its hash and the
 * digest of the preview. The server plans the file again; nothing from the preview is trusted.
 */
export const ImportApplySchema = z.object({
  intent: z.literal("apply"),
  // Forms send line breaks as CRLF: a 5 MB file can grow a little on the way back.
  csv: z.string().min(1, "validation.required").max(6_000_000, "validation.tooLong"),
  hash: sha256Hex,
  digest: sha256Hex,
});

export const ImportPreviewSchema = z.object({
  intent: z.literal("preview"),
  csvText: z.string().max(6_000_000, "validation.tooLong").optional(),
});

const LinkSchema = z.object({
  email: z.string().max(254),
  name: z.string().max(200),
  staffNumber: z.string().max(40).nullable(),
  url: z.url().max(500),
  expiresAt: z.iso.datetime(),
});

/** The set-password links posted back from the import result to be downloaded as CSV. */
export const ImportLinksSchema = z.object({
  links: z
    .string()
    .max(10_000_000)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "validation.invalid" });
        return z.NEVER;
      }
    })
    .pipe(z.array(LinkSchema).max(20_000)),
});

/** An imported row's name cell (already trimmed): the first failing check names the problem. */
export const ImportNameSchema = z
  .string()
  .min(1, "import.missingName")
  .max(120, "import.nameTooLong")
  .refine((v) => !hasControlChars(v), "validation.controlChars");

/** An imported row's staff number cell when not empty. */
export const ImportStaffNumberSchema = z
  .string()
  .max(40, "import.staffNumberTooLong")
  .refine((v) => !hasControlChars(v), "validation.controlChars");
