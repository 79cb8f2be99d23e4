import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { Field, FormAlert, SelectField, firstErrorField } from "~/components/form";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { ROLES } from "~/db/schema/users";
import { formatDay, formatNumber } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import { todayIn } from "~/utils/dates";
import { changeDueDate, createAssignment, listAssignments, removeAssignment } from "~/people/assignments.server";
import { orgUnitTree } from "~/people/org-units.server";
import { AssignmentIntentSchema, ChangeDueDateSchema, createAssignmentSchema, RemoveAssignmentSchema } from "~/schemas/assignments";
import { formToObject, parseForm, type FieldErrors } from "~/schemas/form";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "assign.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "assignments.manage");
  const { locale } = await getTranslator(request, actor);
  const state = await getContent();
  return {
    rows: listAssignments(actor, state, locale),
    modules: visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
    units: orgUnitTree().map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    roles: [...ROLES],
    today: todayIn(getConfig().timeZone),
  };
}

type ActionData = {
  errors: FieldErrors;
  values: Record<string, string>;
  rowId: string | null;
  rowError: MessageKey | null;
  notice: string | null;
};

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "assignments.manage");
  const form = await request.formData();
  const intent = AssignmentIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, actor);
  const none: ActionData = { errors: {}, values: {}, rowId: null, rowError: null, notice: null };
  switch (intent.data.intent) {
    case "create": {
      const today = todayIn(getConfig().timeZone);
      const parsed = parseForm(createAssignmentSchema(today), form);
      const values = Object.fromEntries(Object.entries(formToObject(form)).map(([k, v]) => [k, String(v)]));
      if (!parsed.success) return data<ActionData>({ ...none, errors: parsed.errors, values }, { status: 400 });
      const result = createAssignment(actor, parsed.data, await getContent(), today);
      if (!result.ok) return data<ActionData>({ ...none, errors: { [result.field]: result.message }, values }, { status: 400 });
      return data<ActionData>({ ...none, notice: t("assign.created") });
    }
    case "due": {
      const parsed = ChangeDueDateSchema.safeParse(formToObject(form));
      if (!parsed.success) {
        const rowId = String(form.get("id") ?? "");
        const message = parsed.error.issues[0]?.message ?? "";
        return data<ActionData>(
          { ...none, rowId, rowError: (message.startsWith("validation.") ? message : "validation.date") as MessageKey },
          { status: 400 },
        );
      }
      changeDueDate(actor, parsed.data.id, parsed.data.dueDate);
      return data<ActionData>({ ...none, notice: t("assign.changed") });
    }
    case "remove": {
      const parsed = RemoveAssignmentSchema.safeParse(formToObject(form));
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      removeAssignment(actor, parsed.data.id);
      return data<ActionData>({ ...none, notice: t("assign.removed") });
    }
  }
}

function dueText(locale: "en" | "id", date: string) {
  return formatDay(locale, date);
}

export default function AssignmentsPage() {
  const { rows, modules, units, roles, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { locale } = useI18n();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
  const targetType = values.targetType ?? "org_unit";
  const targetError = errors?.targetType;
  const roleLabel = (r: string) => t(`roles.${r as "staff"}`);
  const targetText = (r: (typeof rows)[number]) =>
    r.targetType === "user"
      ? `${r.target} (${r.targetDetail ?? ""})`
      : r.targetType === "org_unit"
        ? t("assign.unitTarget", { unit: r.target })
        : t("assign.roleTarget", { role: roleLabel(r.target) });
  // The form's key changes after a successful create, so its fields start empty again.
  const formKey = actionData?.notice ? `done-${rows.length}` : "form";
  // A plain block, not a grid: a wide table must scroll inside its frame, not widen the page.
  return (
    <div>
      <h1>{t("assign.title")}</h1>
      <p className="lead">{t("assign.intro")}</p>
      <FormAlert message={actionData?.notice} tone="success" />

      <section aria-labelledby="new-title">
        <h2 id="new-title">{t("assign.newTitle")}</h2>
        <Form method="post" noValidate className="stack narrow" key={formKey}>
          <input type="hidden" name="intent" value="create" />
          <SelectField
            name="moduleSlug"
            label={t("assign.module")}
            defaultValue={values.moduleSlug ?? ""}
            errors={errors}
            options={[{ value: "", label: t("assign.chooseModule") }, ...modules.map((m) => ({ value: m.slug, label: m.title }))]}
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
            options={[
              { value: "", label: t("assign.chooseUnit") },
              ...units.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` })),
            ]}
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
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("assign.listTitle")}</h2>
        {rows.length === 0 ? (
          <p>{t("assign.none")}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="list-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("assign.module")}</th>
                  <th scope="col">{t("assign.target")}</th>
                  <th scope="col">{t("assign.dueDate")}</th>
                  <th scope="col">{t("assign.covers")}</th>
                  <th scope="col">{t("assign.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const rowError = actionData?.rowId === r.id ? actionData.rowError : null;
                  const what = `${r.moduleTitle}, ${targetText(r)}`;
                  return (
                    <tr key={r.id}>
                      <td>
                        {r.moduleTitle}
                        {r.published ? null : <span className="muted"> ({t("assign.notPublished")})</span>}
                      </td>
                      <td>{targetText(r)}</td>
                      <td>{dueText(locale, r.dueDate)}</td>
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
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
