import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { OrgUnitEditPanel, OrgUnitTreeList } from "~/components/org-units/org-unit-parts";
import { pageMeta } from "~/components/meta";
import { Field, FormAlert, SelectField } from "~/components/form";
import { useT } from "~/components/use-t";
import { getTranslator } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import { createOrgUnit, deleteOrgUnit, moveOrgUnit, orgUnitsPage, renameOrgUnit, type OrgUnitResult } from "~/people/org-units.server";
import { parseForm, type FieldErrors } from "~/schemas/form";
import {
  OrgUnitCreateSchema,
  OrgUnitDeleteSchema,
  OrgUnitIntentSchema,
  OrgUnitMoveSchema,
  OrgUnitQuerySchema,
  OrgUnitRenameSchema,
} from "~/schemas/people";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "orgUnits.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "org-units.manage");
  const { edit } = OrgUnitQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await orgUnitsPage(actor, edit);
  if (!page) throw new Response("Not found", { status: 404 });
  return { ...page, deleted: new URL(request.url).searchParams.get("deleted") === "1" };
}

type Intent = "create" | "rename" | "move" | "delete";
type ActionData = { intent: Intent; errors: FieldErrors; values: Record<string, string>; notice: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "org-units.manage");
  const form = await request.formData();
  const intent = OrgUnitIntentSchema.safeParse({ intent: form.get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, actor);
  const which = intent.data.intent;
  const fail = (errors: FieldErrors, values: Record<string, string>) =>
    data<ActionData>({ intent: which, errors, values, notice: null }, { status: 400 });
  const outcome = (result: OrgUnitResult, values: Record<string, string>, notice: MessageKey) =>
    result.ok ? data<ActionData>({ intent: which, errors: {}, values: {}, notice: t(notice) }) : fail({ [result.field]: result.message }, values);
  switch (which) {
    case "create": {
      const parsed = parseForm(OrgUnitCreateSchema, form);
      if (!parsed.success) return fail(parsed.errors, parsed.values);
      const values = { name: parsed.data.name, code: parsed.data.code ?? "", parentId: parsed.data.parentId ?? "" };
      return outcome(await createOrgUnit(actor, parsed.data), values, "orgUnits.created");
    }
    case "rename": {
      const parsed = parseForm(OrgUnitRenameSchema, form);
      if (!parsed.success) return fail(parsed.errors, parsed.values);
      return outcome(await renameOrgUnit(actor, parsed.data.id, parsed.data), {}, "orgUnits.renamed");
    }
    case "move": {
      const parsed = parseForm(OrgUnitMoveSchema, form);
      if (!parsed.success) return fail(parsed.errors, parsed.values);
      return outcome(await moveOrgUnit(actor, parsed.data.id, parsed.data.parentId), {}, "orgUnits.moved");
    }
    case "delete": {
      const parsed = parseForm(OrgUnitDeleteSchema, form);
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      const result = await deleteOrgUnit(actor, parsed.data.id);
      if (result.ok) return redirect("/admin/org-units?deleted=1");
      return fail({ form: result.message }, {});
    }
  }
}

export default function OrgUnitsPage() {
  const { tree, units, selected, deleted, moveTargets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: Intent) => (actionData?.intent === intent ? actionData.values : {});
  const parentOptions = (list: { id: string; name: string; depth: number }[]) => [
    { value: "", label: t("orgUnits.topLevel") },
    ...list.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` })),
  ];
  const formError = actionData?.errors.form;
  return (
    <div className="stack">
      <h1>{t("orgUnits.title")}</h1>
      <p className="lead">{t("orgUnits.intro")}</p>
      <FormAlert message={actionData?.notice ?? (deleted ? t("orgUnits.deleted") : null)} tone="success" />
      <FormAlert message={formError ? t(formError) : null} />
      <div className="with-aside">
        <section aria-labelledby="tree-title">
          <h2 id="tree-title">{t("orgUnits.treeTitle")}</h2>
          {tree.length === 0 ? <p>{t("orgUnits.none")}</p> : <OrgUnitTreeList nodes={tree} selectedId={selected?.id ?? null} />}
        </section>
        <div className="stack">
          {selected ? (
            <OrgUnitEditPanel
              key={selected.id}
              selected={selected}
              moveOptions={parentOptions(moveTargets)}
              moveError={errorsFor("move")?.parentId}
              renameErrors={errorsFor("rename")}
            />
          ) : null}
          <section aria-labelledby="new-title" className="panel stack">
            <h2 id="new-title">{t("orgUnits.addTitle")}</h2>
            <Form method="post" noValidate className="stack" key={actionData?.intent === "create" && actionData.notice ? units.length : "new"}>
              <input type="hidden" name="intent" value="create" />
              <Field
                id="new-name"
                name="name"
                label={t("orgUnits.name")}
                required
                defaultValue={valuesFor("create").name ?? ""}
                errors={errorsFor("create")}
              />
              <Field
                id="new-code"
                name="code"
                label={t("orgUnits.codeOptional")}
                hint={t("orgUnits.codeHint")}
                defaultValue={valuesFor("create").code ?? ""}
                errors={errorsFor("create")}
              />
              <SelectField
                name="parentId"
                label={t("orgUnits.parent")}
                defaultValue={valuesFor("create").parentId ?? selected?.id ?? ""}
                errors={errorsFor("create")}
                options={parentOptions(units)}
              />
              <p>
                <button type="submit" className="button button--primary">
                  {t("orgUnits.create")}
                </button>
              </p>
            </Form>
          </section>
        </div>
      </div>
    </div>
  );
}
