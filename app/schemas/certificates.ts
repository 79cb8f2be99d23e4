import { z } from "~/utils/zod";
import { lineText, multiLineText } from "./text";
import { IdFilterSchema, ModuleFilterSchema } from "./query-params";
import { DaySchema } from "~/schemas/day";

/** Ids are `newId()`: 22 URL-safe base64 characters. Anything else is simply not found. */
export const CertificateIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Which PDF of a certificate: the certificate itself (default) or the personnel-record statement. */
export const CertificateFormSchema = z.enum(["certificate", "personnel"]).optional();

/** What a person types into the verify form; the code itself is normalised on the server. */
export const VerifyQuerySchema = z.object({
  code: lineText().trim().min(1, "validation.required").max(64, "validation.certificateCode"),
});

/** The code in /verify/:code, before normalising (bounded, so a huge URL costs nothing). */
export const VerifyParamSchema = lineText().min(1).max(64);

/** HR's certificate filters (also the ZIP download's): a bad value is ignored, never a 500. */
export const CertificateListQuerySchema = z.object({
  q: lineText().trim().max(100).optional().catch(undefined),
  orgUnit: IdFilterSchema,
  module: ModuleFilterSchema,
  from: DaySchema.optional().catch(undefined),
  to: DaySchema.optional().catch(undefined),
  status: z.enum(["valid", "expired", "revoked"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
  revoke: CertificateIdSchema.optional().catch(undefined),
  done: z.enum(["revoked", "already"]).optional().catch(undefined),
});

export type CertificateListQuery = z.output<typeof CertificateListQuerySchema>;

export const RevokeFormSchema = z.object({
  intent: z.literal("revoke"),
  certificateId: CertificateIdSchema,
  reason: multiLineText().trim().min(1, "validation.required").min(5, "validation.revokeReasonShort").max(500, "validation.tooLong"),
  returnTo: lineText().max(2000).optional().catch(undefined),
});

/** ?lang= on a certificate's PDF or verify page: one of the two languages, or absent (the certificate's own). */
export const CertificateLangSchema = z.enum(["en", "id"], { error: "certificates.langInvalid" }).optional();
