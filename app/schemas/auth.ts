import { z } from "~/utils/zod";
import { LOCALES, ROLES } from "~/db/schema/users";
import { lineText } from "./text";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export const EmailSchema = z
  .string()
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"))
  .transform((e) => e.toLowerCase());

const NewPasswordSchema = lineText().min(PASSWORD_MIN, "validation.passwordTooShort").max(PASSWORD_MAX, "validation.tooLong");

export const LoginSchema = z.object({
  email: EmailSchema,
  password: lineText().min(1, "validation.required").max(PASSWORD_MAX, "validation.tooLong"),
  // A redirect that cannot be used is dropped (the safe default page), not an error.
  redirectTo: lineText().optional().catch(undefined),
});

export const SetPasswordSchema = z
  .object({
    password: NewPasswordSchema,
    confirmPassword: lineText().min(1, "validation.required"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: lineText().min(1, "validation.required").max(PASSWORD_MAX, "validation.tooLong"),
    password: NewPasswordSchema,
    confirmPassword: lineText().min(1, "validation.required"),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const LocaleSchema = z.object({
  locale: z.enum(LOCALES, "validation.invalid"),
  // A redirect that cannot be used is dropped (the safe default page), not an error.
  redirectTo: lineText().optional().catch(undefined),
});

/** The account page's saved language (mail, notifications and certificates follow it). */
export const AccountLanguageSchema = z.object({
  intent: z.literal("language"),
  locale: z.enum(LOCALES, "validation.invalid"),
});

const optionalText = (max: number) =>
  lineText()
    .trim()
    .max(max, "validation.tooLong")
    .transform((v) => (v === "" ? null : v));

export const UserFormSchema = z.object({
  email: EmailSchema,
  displayName: lineText().trim().min(1, "validation.required").max(120, "validation.tooLong"),
  staffNumber: optionalText(40),
  role: z.enum(ROLES, "validation.invalid"),
  orgUnitId: optionalText(64),
  locale: z.union([z.enum(LOCALES), z.literal("")], "validation.invalid").transform((v) => (v === "" ? null : v)),
});
export type UserFormInput = z.output<typeof UserFormSchema>;
