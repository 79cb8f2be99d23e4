// The admin page's org-unit tree and the panel to rename, move or delete the chosen unit.
import { Form, Link } from "@remix-run/react";
import { Field } from "~/components/form";
import { useT } from "~/components/use-t";
import type { MessageKey } from "~/i18n/translate";
import type { OrgUnitRow, OrgUnitSummary } from "~/people/org-unit-types";
import type { FieldErrors } from "~/schemas/form";

export function OrgUnitTreeList({ nodes, selectedId }: { nodes: OrgUnitRow[]; selectedId: string | null }) {
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
          {n.children.length > 0 ? <OrgUnitTreeList nodes={n.children} selectedId={selectedId} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Why a unit cannot be deleted yet, if anything stops it. */
export function deleteBlockers(unit: OrgUnitSummary): MessageKey[] {
  return [
    ...(unit.childCount > 0 ? (["orgUnits.hasChildren"] as const) : []),
    ...(unit.people > 0 ? (["orgUnits.hasPeople"] as const) : []),
    ...(unit.assignments > 0 ? (["orgUnits.hasAssignments"] as const) : []),
  ];
}

export function OrgUnitEditPanel({
  selected,
  moveOptions,
  moveError,
  renameErrors,
}: {
  selected: OrgUnitSummary;
  moveOptions: { value: string; label: string }[];
  moveError: MessageKey | undefined;
  renameErrors: FieldErrors | undefined;
}) {
  const t = useT();
  const blockers = deleteBlockers(selected);
  return (
    <section aria-labelledby="edit-title" className="panel stack">
      <h2 id="edit-title">{t("orgUnits.editTitle", { name: selected.name })}</h2>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="rename" />
        <input type="hidden" name="id" value={selected.id} />
        <Field id="edit-name" name="name" label={t("orgUnits.name")} required defaultValue={selected.name} errors={renameErrors} />
        <Field
          id="edit-code"
          name="code"
          label={t("orgUnits.codeOptional")}
          hint={t("orgUnits.codeHint")}
          defaultValue={selected.code ?? ""}
          errors={renameErrors}
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
            {moveOptions.map((o) => (
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
      {blockers.length > 0 ? (
        <div>
          <p>{t("orgUnits.cannotDelete")}</p>
          <ul>
            {blockers.map((k) => (
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
  );
}
