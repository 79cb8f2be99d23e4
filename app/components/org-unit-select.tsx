import type { ReactNode } from "react";
import { useT } from "./use-t";

export type OrgUnitOption = { id: string; name: string; depth: number };

/** An org unit filter: the tree indented in a plain select, with "All" first. */
export function OrgUnitSelect({
  id,
  name = "orgUnit",
  label,
  units,
  defaultValue,
}: {
  id: string;
  name?: string;
  label: ReactNode;
  units: OrgUnitOption[];
  defaultValue?: string | null;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""}>
        <option value="">{t("common.all")}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {"\u2003".repeat(u.depth)}
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}
