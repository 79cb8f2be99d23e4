import type { FieldErrors } from "~/schemas/form";
import { PASSWORD_MIN } from "~/schemas/auth";
import { Field } from "./form";
import { useT } from "./use-t";

/**
 * The new-password pair of the account page and the set-password page: one place for the rule's
 * hint, the autocomplete hints password managers need, and the hidden username they pair it with.
 */
export function NewPasswordFields({ email, errors }: { email: string; errors?: FieldErrors }) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field
        name="password"
        type="password"
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint", { min: PASSWORD_MIN })}
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        errors={errors}
      />
      <Field name="confirmPassword" type="password" label={t("fields.confirmPassword")} autoComplete="new-password" required errors={errors} />
    </>
  );
}
