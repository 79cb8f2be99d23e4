import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { FormAlert } from "~/components/form";
import { AssignmentRow, NewAssignmentForm } from "~/components/hr/assignment-parts";
import { DataTable } from "~/components/hr/data-table";
import { useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { clockNow } from "~/utils/clock.server";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { ROLES } from "~/db/schema/users";
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
    rows: await listAssignments(actor, state, locale),
    modules: visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
    units: (await orgUnitTree()).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    roles: [...ROLES],
    today: todayIn(getConfig().timeZone, clockNow()),
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
      const today = todayIn(getConfig().timeZone, clockNow());
      const parsed = parseForm(createAssignmentSchema(today), form);
      const values = Object.fromEntries(Object.entries(formToObject(form)).map(([k, v]) => [k, String(v)]));
      if (!parsed.success) return data<ActionData>({ ...none, errors: parsed.errors, values }, { status: 400 });
      const result = await createAssignment(actor, parsed.data, await getContent(), today);
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
      await changeDueDate(actor, parsed.data.id, parsed.data.dueDate);
      return data<ActionData>({ ...none, notice: t("assign.changed") });
    }
    case "remove": {
      const parsed = RemoveAssignmentSchema.safeParse(formToObject(form));
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      await removeAssignment(actor, parsed.data.id);
      return data<ActionData>({ ...none, notice: t("assign.removed") });
    }
  }
}

export default function AssignmentsPage() {
  const { rows, modules, units, roles, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errors = actionData?.errors;
  const values = actionData?.values ?? {};
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
        <NewAssignmentForm formKey={formKey} errors={errors} values={values} modules={modules} units={units} roles={roles} today={today} />
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("assign.listTitle")}</h2>
        <DataTable
          label={t("assign.listTitle")}
          empty={rows.length === 0 ? t("assign.none") : null}
          headers={[t("assign.module"), t("assign.target"), t("assign.dueDate"), t("assign.covers"), t("assign.actions")]}
        >
          {rows.map((r) => (
            <AssignmentRow key={r.id} row={r} rowError={actionData?.rowId === r.id ? actionData.rowError : null} />
          ))}
        </DataTable>
      </section>
    </div>
  );
}
