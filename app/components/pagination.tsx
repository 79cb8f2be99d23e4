import { Link } from "@remix-run/react";
import { useT } from "./use-t";

/** Previous / "page N of M" / next, as plain links (works without JavaScript). */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const t = useT();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("common.pagination")} className="pagination">
      {page > 1 ? <Link to={href(page - 1)}>{t("common.previous")}</Link> : null}
      <span>{t("common.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t("common.next")}</Link> : null}
    </nav>
  );
}
