import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { FormAlert } from "~/components/form";
import { NewAssignmentForm } from "~/components/hr/assignment-parts";
import { DataTable } from "~/components/hr/data-table";
import { pageMeta } from "~/components/meta";
import { PathProgressTable } from "~/components/path-progress-table";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { ROLES } from "~/db/schema/users";
import { formatDay } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { createPathAssignment, listPathAssignments, publishedPaths, removePathAssignment } from "~/paths/assignments.server";
import { pathProgressSummary } from "~/paths/hr-progress.server";
import { orgUnitTree } from "~/people/org-units.server";
import { formToObject, parseForm, type FieldErrors } from "~/schemas/form";
import { createPathAssignmentSchema, PathAssignmentIntentSchema, RemovePathAssignmentSchema } from "~/schemas/path-assignments";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "paths.hr.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "assignments.manage");
  const { locale } = await getTranslator(request, actor);
  const state = await getContent();
  const today = todayIn(getConfig().timeZone, clockNow());
  return {
    rows: await listPathAssignments(actor, state, locale),
    progress: await pathProgressSummary(actor, state, locale, today),
    paths: publishedPaths(state).map((p) => ({ slug: p.slug, title: pick(p.title, locale) })),
    units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    roles: [...ROLES],
    today,
  };
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; notice: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "assignments.manage");
  const form = await request.formData();
  const intent = PathAssignmentIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, actor);
  const none: ActionData = { errors: {}, values: {}, notice: null };
  if (intent.data.intent === "remove") {
    const parsed = RemovePathAssignmentSchema.safeParse(formToObject(form));
    if (!parsed.success || !(await removePathAssignment(actor, parsed.data.id))) throw new Response("Not found", { status: 404 });
    return data<ActionData>({ ...none, notice: t("assign.removed") });
  }
  const today = todayIn(getConfig().timeZone, clockNow());
  const parsed = parseForm(createPathAssignmentSchema(today), form);
  const values = Object.fromEntries(Object.entries(formToObject(form)).map(([k, v]) => [k, String(v)]));
  if (!parsed.success) return data<ActionData>({ ...none, errors: parsed.errors, values }, { status: 400 });
  const result = await createPathAssignment(actor, parsed.data, await getContent(), today);
  if (!result.ok) return data<ActionData>({ ...none, errors: { [result.field]: result.message }, values }, { status: 400 });
  return data<ActionData>({ ...none, notice: t("assign.created") });
}

export default function PathAssignmentsPage() {
  const { rows, progress, paths, units, roles, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { locale } = useI18n();
  const formKey = actionData?.notice ? `done-${rows.length}` : "form";
  return (
    <div>
      <h1>{t("paths.hr.title")}</h1>
      <p className="lead">{t("paths.hr.intro")}</p>
      <FormAlert message={actionData?.notice} tone="success" />
      <section aria-labelledby="progress-title">
        <h2 id="progress-title">{t("paths.progress.title")}</h2>
        <PathProgressTable rows={progress} />
      </section>
      <section aria-labelledby="new-title">
        <h2 id="new-title">{t("paths.hr.newTitle")}</h2>
        <NewAssignmentForm
          formKey={formKey}
          errors={actionData?.errors}
          values={actionData?.values ?? {}}
          modules={paths}
          units={units}
          roles={roles}
          today={today}
          subject={{ name: "pathSlug", label: "paths.hr.path", choose: "paths.hr.choosePath" }}
        />
      </section>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("paths.hr.listTitle")}</h2>
        <DataTable
          label={t("paths.hr.listTitle")}
          empty={rows.length === 0 ? t("paths.hr.none") : null}
          headers={[t("paths.hr.path"), t("assign.target"), t("assign.dueDate"), t("assign.actions")]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.pathTitle}</td>
              <td>
                {r.targetType === "user"
                  ? r.target
                  : r.targetType === "org_unit"
                    ? t("assign.unitTarget", { unit: r.target })
                    : t("assign.roleTarget", { role: t(`roles.${r.target as "staff"}`) })}
              </td>
              <td>{formatDay(locale, r.dueDate)}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" className="button button--danger" aria-label={`${t("assign.remove")}: ${r.pathTitle}, ${r.target}`}>
                    {t("assign.remove")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
