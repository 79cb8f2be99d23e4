import { Form } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "../use-t";

/** The width from which the navigation shows as a list (app.css): filters start open there. */
const WIDE = "(min-width: 48rem)";

/**
 * Folds a page's filters into a disclosure that is closed in the HTML, so on a phone the page's
 * rows or figures come first, with or without JavaScript; with it, wide screens open it on load.
 * The summary says how many filters are in use, so a closed one still shows that the list is filtered.
 */
export function FilterDisclosure({ active, children }: { active: number; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current && window.matchMedia(WIDE).matches) ref.current.open = true;
  }, []);
  return (
    <details className="filters-disclosure" ref={ref}>
      <summary>{active > 0 ? t("common.filtersActive", { count: active }) : t("common.filters")}</summary>
      {children}
    </details>
  );
}

/** How many of a query's filter fields are set (paging and sorting are not filters). */
export function activeFilters(query: Record<string, unknown>, ignore: readonly string[] = ["page", "sort", "dir"]): number {
  return Object.entries(query).filter(([key, value]) => !ignore.includes(key) && value !== undefined && value !== null && value !== "").length;
}

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
