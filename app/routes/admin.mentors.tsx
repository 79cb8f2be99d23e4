import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { Field, FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { useT } from "~/components/use-t";
import { pick } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { getTranslator } from "~/i18n/locale.server";
import { orgUnitTree } from "~/people/org-units.server";
import { assignMentor, inviteMentor, listMentors, setMentorActive, unassignMentor } from "~/practice/mentors.server";
import { parseForm, type FieldErrors } from "~/schemas/form";
import { MentorAssignSchema, MentorFormSchema } from "~/schemas/practice";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "mentors.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "mentors.manage");
  const { locale } = await getTranslator(request, actor);
  const state = await getContent();
  const modules = [...state.modules.values()].filter((m) => m.tasks.length > 0).map((m) => ({ value: m.slug, label: pick(m.title, locale) }));
  return { mentors: await listMentors(actor), modules, units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })) };
}

type ActionData = { errors?: FieldErrors; values?: Record<string, string>; message?: string };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "mentors.manage");
  const { t } = await getTranslator(request, actor);
  const form = await request.formData();
  const intent = form.get("intent");
  const mentorId = String(form.get("mentorId") ?? "");
  if (intent === "invite") {
    const parsed = parseForm(MentorFormSchema, form);
    if (!parsed.success) return data<ActionData>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await inviteMentor(actor, parsed.data);
    if (!result.ok)
      return data<ActionData>(
        { errors: { email: "validation.emailTaken" }, values: Object.fromEntries(Object.entries(parsed.data)) },
        { status: 400 },
      );
    return data<ActionData>({ message: t("mentors.created", { link: result.setPasswordUrl }) });
  }
  if (intent === "assign") {
    const parsed = parseForm(MentorAssignSchema, form);
    if (!parsed.success) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
    await assignMentor(actor, parsed.data.mentorId, parsed.data.module, parsed.data.unit || null);
  } else if (intent === "unassign") {
    await unassignMentor(actor, mentorId, String(form.get("assignmentId") ?? ""));
  } else if (intent === "deactivate" || intent === "reactivate") {
    await setMentorActive(actor, mentorId, intent === "reactivate");
  }
  return data<ActionData>({});
}

export default function MentorsPage() {
  const { mentors, modules, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div>
      <h1>{t("mentors.title")}</h1>
      <p className="lead">{t("mentors.intro")}</p>
      {actionData?.message ? <FormAlert tone="success" message={actionData.message} /> : null}
      {mentors.length === 0 ? <p className="muted">{t("mentors.none")}</p> : null}
      {mentors.map((m) => (
        <section key={m.id} className="panel" aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>
            {m.displayName}{" "}
            <span className="muted">
              · {m.organisation ?? ""} · {m.email}
            </span>{" "}
            {m.active ? null : <span className="badge badge--locked">{t("mentors.inactive")}</span>}
          </h2>
          <h3>{t("mentors.assignments")}</h3>
          <ul>
            {m.assignments.map((a) => (
              <li key={a.id}>
                <Form method="post" className="inline-form">
                  {modules.find((x) => x.value === a.moduleSlug)?.label ?? a.moduleSlug} · {a.unitName ?? t("mentors.allUnits")}{" "}
                  <input type="hidden" name="mentorId" value={m.id} />
                  <input type="hidden" name="assignmentId" value={a.id} />
                  <button type="submit" name="intent" value="unassign" className="button button--small">
                    {t("mentors.unassign")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" className="filters">
            <input type="hidden" name="mentorId" value={m.id} />
            <div className="field">
              <label htmlFor={`module-${m.id}`}>{t("review.module")}</label>
              <select id={`module-${m.id}`} name="module" required>
                {modules.map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.label}
                  </option>
                ))}
              </select>
            </div>
            <OrgUnitSelect id={`unit-${m.id}`} name="unit" label={t("review.unit")} units={units} />
            <button type="submit" name="intent" value="assign" className="button">
              {t("mentors.assign")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="mentorId" value={m.id} />
            <button type="submit" name="intent" value={m.active ? "deactivate" : "reactivate"} className="button">
              {m.active ? t("mentors.deactivate") : t("mentors.reactivate")}
            </button>
          </Form>
        </section>
      ))}
      <h2>{t("mentors.invite")}</h2>
      <Form method="post" noValidate>
        <Field name="email" type="email" label={t("mentors.email")} errors={actionData?.errors} defaultValue={actionData?.values?.email} />
        <Field name="displayName" label={t("mentors.name")} errors={actionData?.errors} defaultValue={actionData?.values?.displayName} />
        <Field name="organisation" label={t("mentors.organisation")} errors={actionData?.errors} defaultValue={actionData?.values?.organisation} />
        <button type="submit" name="intent" value="invite" className="button button--primary">
          {t("mentors.invite")}
        </button>
      </Form>
    </div>
  );
}
