import { getConfig } from "~/config.server";

// LinkedIn's "Add to profile" link for a certification (its documented add-to-profile URL):
// the organisation by its LinkedIn id when LINKEDIN_ORGANIZATION_ID is set, otherwise by name.

const ADD_TO_PROFILE = "https://www.linkedin.com/profile/add";

function yearMonth(iso: string, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "numeric" }).formatToParts(new Date(iso));
  const n = (type: string) => String(Number(parts.find((p) => p.type === type)!.value));
  return { year: n("year"), month: n("month") };
}

export function linkedInAddUrl(cert: { moduleTitle: string; code: string; issuedAt: string; expiresAt: string | null; verifyUrl: string }): string {
  const { orgName, linkedInOrganizationId, timeZone } = getConfig();
  const issued = yearMonth(cert.issuedAt, timeZone);
  const params = new URLSearchParams({ startTask: "CERTIFICATION_NAME", name: cert.moduleTitle });
  if (linkedInOrganizationId) params.set("organizationId", linkedInOrganizationId);
  else params.set("organizationName", orgName);
  params.set("issueYear", issued.year);
  params.set("issueMonth", issued.month);
  if (cert.expiresAt) {
    const expires = yearMonth(cert.expiresAt, timeZone);
    params.set("expirationYear", expires.year);
    params.set("expirationMonth", expires.month);
  }
  params.set("certUrl", cert.verifyUrl);
  params.set("certId", cert.code);
  return `${ADD_TO_PROFILE}?${params.toString()}`;
}
