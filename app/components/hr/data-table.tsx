import type { ReactNode } from "react";

/**
 * The HR pages' table: a labelled, keyboard-scrollable region (tables are wider than a phone),
 * column headers with scope, and the empty state in place of an empty table.
 */
export function DataTable({
  label,
  labelledBy,
  headers,
  empty,
  compact = false,
  children,
}: {
  /** The region's name: its own text, or the id of a heading that names it. */
  label?: string;
  labelledBy?: string;
  headers: ReactNode[];
  /** Shown instead of the table when there are no rows (null: show the table). */
  empty: ReactNode | null;
  /** Smaller type and padding, for long logs. */
  compact?: boolean;
  children: ReactNode;
}) {
  if (empty) return <p>{empty}</p>;
  return (
    <div className="table-wrap" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      <table className={compact ? "compact" : undefined}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
