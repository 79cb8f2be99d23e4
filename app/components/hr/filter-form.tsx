import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../use-t";

/** A GET filter form: the page's state lives in the URL, so it works without JavaScript and can be shared. */
export function FilterForm({ label, children }: { label: string; children: ReactNode }) {
  const t = useT();
  return (
    <Form method="get" className="filters" role="search" aria-label={label}>
      {children}
      <button type="submit" className="button">
        {t("common.apply")}
      </button>
    </Form>
  );
}

export type FilterOption = { value: string; label: string };

/** A choice with "all" first; the current value comes from the query the loader read. */
export function SelectFilter({
  id,
  name = id,
  label,
  value,
  options,
  all = true,
}: {
  id: string;
  name?: string;
  label: string;
  value: string | null | undefined;
  options: FilterOption[];
  /** Offer "all" (an empty value) first. */
  all?: boolean;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {all ? <option value="">{t("common.all")}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A text, search or date field of a filter form. */
export function InputFilter({
  id,
  name = id,
  label,
  value,
  type = "text",
  maxLength,
}: {
  id: string;
  name?: string;
  label: string;
  value: string | null | undefined;
  type?: "text" | "search" | "date";
  maxLength?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={value ?? ""} maxLength={maxLength} />
    </div>
  );
}
