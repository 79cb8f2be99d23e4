import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { Field, FormAlert, SelectField } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { useT } from "~/components/use-t";
import { addUnitLead, listUnitLeads, removeUnitLead } from "~/notifications/unit-leads.server";
import { orgUnitTree } from "~/people/org-units.server";
import { parseForm } from "~/schemas/form";
import { UnitLeadSchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "leads.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "unit-leads.manage");
  return { leads: await listUnitLeads(user), units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "unit-leads.manage");
  const parsed = parseForm(UnitLeadSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, done: null }, { status: 400 });
  if (parsed.data.intent === "remove") {
    await removeUnitLead(user, parsed.data);
    return { errors: {}, values: {}, done: "leads.removed" as const };
  }
  const result = await addUnitLead(user, parsed.data);
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: parsed.data, done: null }, { status: 400 });
  return { errors: {}, values: {}, done: "leads.added" as const };
}

export default function UnitLeadsPage() {
  const { leads, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div>
      <h1>{t("leads.title")}</h1>
      <p className="lead">{t("leads.intro")}</p>
      <FormAlert message={actionData?.done ? t(actionData.done) : null} tone="success" />
      <Form method="post" noValidate className="stack narrow">
        <input type="hidden" name="intent" value="add" />
        <SelectField
          name="orgUnitId"
          label={t("leads.unit")}
          required
          defaultValue={values.orgUnitId}
          errors={actionData?.errors}
          options={[
            { value: "", label: t("leads.chooseUnit") },
            ...units.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` })),
          ]}
        />
        <Field name="person" label={t("leads.person")} required defaultValue={values.person} errors={actionData?.errors} />
        <button type="submit" className="button button--primary">
          {t("leads.add")}
        </button>
      </Form>
      {leads.length === 0 ? (
        <p>{t("leads.empty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("leads.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("leads.unit")}</th>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("leads.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {leads.map((l) => (
                <tr key={`${l.orgUnitId}-${l.userId}`}>
                  <td>{l.unitName}</td>
                  <td>{l.name}</td>
                  <td>{l.email}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="orgUnitId" value={l.orgUnitId} />
                      <input type="hidden" name="userId" value={l.userId} />
                      <button type="submit" className="button button--quiet" aria-label={`${t("leads.remove")}: ${l.name}, ${l.unitName}`}>
                        {t("leads.remove")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
