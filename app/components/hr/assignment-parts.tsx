// The HR assignments page's parts: the new-assignment form and a row of the list.
import { Form } from "@remix-run/react";
import { Field, SelectField, firstErrorField } from "~/components/form";
import { formatDay, formatNumber } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import type { FieldErrors } from "~/schemas/form";
import { useI18n, useT } from "../use-t";

type Option = { value: string; label: string };

export function NewAssignmentForm({
  formKey,
  errors,
  values,
  modules,
  units,
  roles,
  today,
  subject = { name: "moduleSlug", label: "assign.module", choose: "assign.chooseModule" },
}: {
  /** What is assigned: a module (the default) or a learning path (/hr/paths). */
  subject?: { name: "moduleSlug" | "pathSlug"; label: MessageKey; choose: MessageKey };
  formKey: string;
  errors?: FieldErrors;
  values: Record<string, string>;
  modules: { slug: string; title: string }[];
  units: { id: string; name: string; depth: number }[];
  roles: string[];
  today: string;
}) {
  const t = useT();
  const targetType = values.targetType ?? "org_unit";
  const targetError = errors?.targetType;
  const roleLabel = (r: string) => t(`roles.${r as "staff"}`);
  const unitOptions: Option[] = units.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` }));
  return (
    <Form method="post" noValidate className="stack narrow" key={formKey}>
      <input type="hidden" name="intent" value="create" />
      <SelectField
        name={subject.name}
        label={t(subject.label)}
        defaultValue={values[subject.name] ?? ""}
        errors={errors}
        options={[{ value: "", label: t(subject.choose) }, ...modules.map((m) => ({ value: m.slug, label: m.title }))]}
      />
      <fieldset className={`field${targetError ? " field--invalid" : ""}`} aria-describedby={targetError ? "targetType-error" : undefined}>
        <legend>{t("assign.targetType")}</legend>
        {(
          [
            ["org_unit", "assign.toUnit"],
            ["user", "assign.toPerson"],
            ["role", "assign.toRole"],
          ] as const
        ).map(([value, label], i) => (
          <label key={value} className="option">
            <input
              type="radio"
              name="targetType"
              value={value}
              defaultChecked={targetType === value}
              autoFocus={i === 0 && targetError !== undefined && firstErrorField(errors) === "targetType"}
            />{" "}
            {t(label)}
          </label>
        ))}
        {targetError ? (
          <p className="field__error" id="targetType-error">
            {t(targetError)}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        name="orgUnitId"
        label={t("assign.unit")}
        defaultValue={values.orgUnitId ?? ""}
        errors={errors}
        options={[{ value: "", label: t("assign.chooseUnit") }, ...unitOptions]}
      />
      <Field
        name="person"
        label={t("assign.person")}
        hint={t("assign.personHint")}
        autoComplete="off"
        defaultValue={values.person ?? ""}
        errors={errors}
      />
      <SelectField
        name="role"
        label={t("assign.role")}
        defaultValue={values.role ?? "staff"}
        errors={errors}
        options={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
      />
      <Field name="dueDate" type="date" label={t("assign.dueDate")} min={today} required defaultValue={values.dueDate ?? ""} errors={errors} />
      <p>
        <button type="submit" className="button button--primary">
          {t("assign.create")}
        </button>
      </p>
    </Form>
  );
}

type Row = {
  id: string;
  moduleTitle: string;
  published: boolean;
  targetType: "user" | "org_unit" | "role";
  target: string;
  targetDetail: string | null;
  dueDate: string;
  covers: number;
};

/** Who an assignment is for, as a sentence part: a person, an org unit or a role. */
export function useTargetText() {
  const t = useT();
  return (r: Pick<Row, "targetType" | "target" | "targetDetail">) =>
    r.targetType === "user"
      ? `${r.target} (${r.targetDetail ?? ""})`
      : r.targetType === "org_unit"
        ? t("assign.unitTarget", { unit: r.target })
        : t("assign.roleTarget", { role: t(`roles.${r.target as "staff"}`) });
}

export function AssignmentRow({ row: r, rowError }: { row: Row; rowError: MessageKey | null }) {
  const t = useT();
  const { locale } = useI18n();
  const targetText = useTargetText();
  const what = `${r.moduleTitle}, ${targetText(r)}`;
  return (
    <tr>
      <td>
        {r.moduleTitle}
        {r.published ? null : <span className="muted"> ({t("assign.notPublished")})</span>}
      </td>
      <td>{targetText(r)}</td>
      <td>{formatDay(locale, r.dueDate)}</td>
      <td>{formatNumber(locale, r.covers)}</td>
      <td>
        <div className="actions">
          {/* Positioned, so the visually hidden label stays inside the scrolling table. */}
          <Form method="post" style={{ position: "relative" }}>
            <input type="hidden" name="intent" value="due" />
            <input type="hidden" name="id" value={r.id} />
            <label htmlFor={`due-${r.id}`} className="visually-hidden">
              {t("assign.dueFor", { what })}
            </label>
            <input
              id={`due-${r.id}`}
              name="dueDate"
              type="date"
              required
              defaultValue={r.dueDate}
              aria-invalid={rowError ? true : undefined}
              aria-describedby={rowError ? `due-${r.id}-error` : undefined}
              autoFocus={rowError !== null}
            />{" "}
            <button type="submit" className="button" aria-label={`${t("assign.change")}: ${what}`}>
              {t("assign.change")}
            </button>
            {rowError ? (
              <p className="field__error" id={`due-${r.id}-error`}>
                {t(rowError)}
              </p>
            ) : null}
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="id" value={r.id} />
            <button type="submit" className="button button--danger" aria-label={`${t("assign.remove")}: ${what}`}>
              {t("assign.remove")}
            </button>
          </Form>
        </div>
      </td>
    </tr>
  );
}
