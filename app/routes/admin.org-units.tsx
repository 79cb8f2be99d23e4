import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { Field, FormAlert, SelectField } from "~/components/form";
import { useT } from "~/components/use-t";
import { getTranslator } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import {
  createOrgUnit,
  deleteOrgUnit,
  moveOrgUnit,
  orgUnitOverview,
  renameOrgUnit,
  withDescendants,
  type OrgUnitResult,
  type OrgUnitRow,
} from "~/people/org-units.server";
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
  const units = orgUnitOverview(actor);
  const selected = edit ? (units.find((u) => u.id === edit) ?? null) : null;
  if (edit && !selected) throw new Response("Not found", { status: 404 });
  const blocked = selected ? new Set(withDescendants(selected.id, units)) : new Set<string>();
  const deleted = new URL(request.url).searchParams.get("deleted") === "1";
  return { units, selected, deleted, moveTargets: units.filter((u) => !blocked.has(u.id)).map((u) => ({ id: u.id, name: u.name, depth: u.depth })) };
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
      return outcome(createOrgUnit(actor, parsed.data), values, "orgUnits.created");
    }
    case "rename": {
      const parsed = parseForm(OrgUnitRenameSchema, form);
      if (!parsed.success) return fail(parsed.errors, parsed.values);
      return outcome(renameOrgUnit(actor, parsed.data.id, parsed.data), {}, "orgUnits.renamed");
    }
    case "move": {
      const parsed = parseForm(OrgUnitMoveSchema, form);
      if (!parsed.success) return fail(parsed.errors, parsed.values);
      return outcome(moveOrgUnit(actor, parsed.data.id, parsed.data.parentId), {}, "orgUnits.moved");
    }
    case "delete": {
      const parsed = parseForm(OrgUnitDeleteSchema, form);
      if (!parsed.success) throw new Response("Bad request", { status: 400 });
      const result = deleteOrgUnit(actor, parsed.data.id);
      if (result.ok) return redirect("/admin/org-units?deleted=1");
      return fail({ form: result.message }, {});
    }
  }
}

type Node = OrgUnitRow & { kids: Node[] };

function nest(rows: OrgUnitRow[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const row of rows) {
    const node: Node = { ...row, kids: [] };
    stack.length = row.depth;
    if (row.depth === 0) roots.push(node);
    else stack[row.depth - 1]?.kids.push(node);
    stack[row.depth] = node;
  }
  return roots;
}

function Tree({ nodes, selectedId }: { nodes: Node[]; selectedId: string | null }) {
  const t = useT();
  return (
    <ul className="org-tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <Link to={`?edit=${encodeURIComponent(n.id)}`} aria-current={n.id === selectedId ? "true" : undefined}>
            {n.name}
          </Link>
          {n.code ? <span className="muted"> · {n.code}</span> : null}
          <span className="muted"> · {t("orgUnits.peopleCount", { count: n.activePeople })}</span>
          {n.people > n.activePeople ? <span className="muted"> ({t("orgUnits.inactiveCount", { count: n.people - n.activePeople })})</span> : null}
          {n.kids.length > 0 ? <Tree nodes={n.kids} selectedId={selectedId} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function OrgUnitsPage() {
  const { units, selected, deleted, moveTargets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : undefined);
  const valuesFor = (intent: Intent) => (actionData?.intent === intent ? actionData.values : {});
  const parentOptions = (list: { id: string; name: string; depth: number }[]) => [
    { value: "", label: t("orgUnits.topLevel") },
    ...list.map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` })),
  ];
  const moveError = errorsFor("move")?.parentId;
  const formError = actionData?.errors.form;
  const deleteBlockers: MessageKey[] = selected
    ? [
        ...(selected.children > 0 ? (["orgUnits.hasChildren"] as const) : []),
        ...(selected.people > 0 ? (["orgUnits.hasPeople"] as const) : []),
        ...(selected.assignments > 0 ? (["orgUnits.hasAssignments"] as const) : []),
      ]
    : [];
  return (
    <div className="stack">
      <h1>{t("orgUnits.title")}</h1>
      <p className="lead">{t("orgUnits.intro")}</p>
      <FormAlert message={actionData?.notice ?? (deleted ? t("orgUnits.deleted") : null)} tone="success" />
      <FormAlert message={formError ? t(formError) : null} />
      <div className="with-aside">
        <section aria-labelledby="tree-title">
          <h2 id="tree-title">{t("orgUnits.treeTitle")}</h2>
          {units.length === 0 ? <p>{t("orgUnits.none")}</p> : <Tree nodes={nest(units)} selectedId={selected?.id ?? null} />}
        </section>
        <div className="stack">
          {selected ? (
            <section aria-labelledby="edit-title" className="panel stack" key={selected.id}>
              <h2 id="edit-title">{t("orgUnits.editTitle", { name: selected.name })}</h2>
              <Form method="post" noValidate className="stack">
                <input type="hidden" name="intent" value="rename" />
                <input type="hidden" name="id" value={selected.id} />
                <Field id="edit-name" name="name" label={t("orgUnits.name")} required defaultValue={selected.name} errors={errorsFor("rename")} />
                <Field
                  id="edit-code"
                  name="code"
                  label={t("orgUnits.codeOptional")}
                  hint={t("orgUnits.codeHint")}
                  defaultValue={selected.code ?? ""}
                  errors={errorsFor("rename")}
                />
                <p>
                  <button type="submit" className="button">
                    {t("orgUnits.rename")}
                  </button>
                </p>
              </Form>
              <Form method="post" noValidate className="stack">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="id" value={selected.id} />
                <div className={`field${moveError ? " field--invalid" : ""}`}>
                  <label htmlFor="move-parent">{t("orgUnits.moveUnder")}</label>
                  <select
                    id="move-parent"
                    name="parentId"
                    defaultValue={selected.parentId ?? ""}
                    aria-invalid={moveError ? true : undefined}
                    aria-describedby={moveError ? "move-parent-error" : undefined}
                    autoFocus={moveError !== undefined}
                  >
                    {parentOptions(moveTargets).map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  {moveError ? (
                    <p className="field__error" id="move-parent-error">
                      {t(moveError)}
                    </p>
                  ) : null}
                </div>
                <p>
                  <button type="submit" className="button">
                    {t("orgUnits.move")}
                  </button>
                </p>
              </Form>
              {deleteBlockers.length > 0 ? (
                <div>
                  <p>{t("orgUnits.cannotDelete")}</p>
                  <ul>
                    {deleteBlockers.map((k) => (
                      <li key={k}>{t(k)}</li>
                    ))}
                  </ul>
                </div>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="id" value={selected.id} />
                  <button type="submit" className="button button--danger">
                    {t("orgUnits.delete")}
                  </button>
                </Form>
              )}
              <p>
                <Link to={`/admin/users?orgUnit=${encodeURIComponent(selected.id)}&active=all`}>{t("orgUnits.viewPeople")}</Link>
              </p>
            </section>
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
