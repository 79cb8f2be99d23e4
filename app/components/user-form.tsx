import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/schemas/form";
import { Field, SelectField } from "./form";
import { useT } from "./use-t";

type Values = Partial<Record<"email" | "displayName" | "staffNumber" | "role" | "orgUnitId" | "locale", string | null>>;

export function UserForm({
  values,
  errors,
  roles,
  orgUnits,
  submitLabel,
}: {
  values?: Values;
  errors?: FieldErrors;
  roles: string[];
  orgUnits: { id: string; name: string; depth: number }[];
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value="save" />
      <Field name="displayName" label={t("fields.name")} required autoComplete="off" defaultValue={values?.displayName ?? ""} errors={errors} />
      <Field name="email" type="email" label={t("fields.email")} required autoComplete="off" defaultValue={values?.email ?? ""} errors={errors} />
      <Field name="staffNumber" label={t("fields.staffNumberOptional")} autoComplete="off" defaultValue={values?.staffNumber ?? ""} errors={errors} />
      <SelectField
        name="role"
        label={t("fields.role")}
        defaultValue={values?.role ?? "staff"}
        errors={errors}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r as "staff"}`) }))}
      />
      <SelectField
        name="orgUnitId"
        label={t("fields.orgUnit")}
        defaultValue={values?.orgUnitId ?? ""}
        errors={errors}
        options={[{ value: "", label: t("fields.none") }, ...orgUnits.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` }))]}
      />
      <SelectField
        name="locale"
        label={t("fields.language")}
        defaultValue={values?.locale ?? ""}
        errors={errors}
        options={[
          { value: "", label: t("fields.languageAuto") },
          { value: "en", label: "English" },
          { value: "id", label: "Bahasa Indonesia" },
        ]}
      />
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}
