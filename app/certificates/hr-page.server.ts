// The HR certificates page's data: the filtered list, a page of it, and the certificate whose
// revocation is being confirmed. The route only checks the capability and reads the query.
import type { User } from "lucia";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import { orgUnitTree } from "~/people/org-units.server";
import type { CertificateListQuery } from "~/schemas/certificates";
import { certificateForHr, certificateModuleOptions, filtersFromQuery, listCertificates } from "./manage.server";

export const HR_CERTIFICATES_PAGE_SIZE = 50;
export const CERTIFICATE_FILTER_KEYS = ["q", "orgUnit", "module", "from", "to", "status"] as const;
export type CertificateFilterKey = (typeof CERTIFICATE_FILTER_KEYS)[number];

/** The filters as a query string, for paging, the ZIP download and coming back after a revoke. */
export function certificateFilterQuery(query: Partial<CertificateListQuery>) {
  const params = new URLSearchParams();
  for (const key of CERTIFICATE_FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, String(value));
  }
  return params.toString();
}

export async function hrCertificatesPage(actor: Pick<User, "id" | "role">, query: CertificateListQuery, ignored: string[], locale: Locale) {
  const page = query.page ?? 1;
  const filters = await filtersFromQuery(query, getConfig().timeZone);
  const [{ rows, total }, revoking, units, modules] = await Promise.all([
    listCertificates(actor, filters, { limit: HR_CERTIFICATES_PAGE_SIZE, offset: (page - 1) * HR_CERTIFICATES_PAGE_SIZE }),
    query.revoke ? certificateForHr(actor, query.revoke) : null,
    orgUnitTree(),
    getContent().then((state) => certificateModuleOptions(state, locale)),
  ]);
  return {
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / HR_CERTIFICATES_PAGE_SIZE)),
    query,
    filterQuery: certificateFilterQuery(query),
    // Filters that could not be read (2026-02-30 is no day) are left out and named on the page.
    ignored: ignored.filter((k): k is CertificateFilterKey => (CERTIFICATE_FILTER_KEYS as readonly string[]).includes(k)),
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    modules,
    revoking:
      revoking && !revoking.revokedAt
        ? {
            id: revoking.id,
            code: revoking.code,
            holderName: revoking.holderName,
            moduleTitle: revoking.moduleTitle,
            issuedAt: revoking.issuedAt.toISOString(),
          }
        : null,
  };
}
