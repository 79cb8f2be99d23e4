import { Form } from "@remix-run/react";
import { Field } from "~/components/form";
import { useT } from "~/components/use-t";
import type { FieldErrors } from "~/schemas/form";

/** The code form of the verify pages: a GET to /verify, so it works without JavaScript. */
export function VerifyForm({ errors, value, autoFocus }: { errors?: FieldErrors | null; value?: string; autoFocus?: boolean }) {
  const t = useT();
  return (
    <Form method="get" action="/verify" className="stack" role="search" aria-label={t("verify.title")}>
      <Field
        name="code"
        label={t("verify.codeLabel")}
        hint={t("verify.codeHint")}
        errors={errors ?? undefined}
        defaultValue={value}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={64}
        autoFocus={autoFocus}
        required
      />
      <p>
        <button type="submit" className="button button--primary">
          {t("verify.submit")}
        </button>
      </p>
    </Form>
  );
}
