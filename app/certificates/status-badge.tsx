import { useT } from "~/components/use-t";
import type { CertificateStatus } from "./certificate-types";

const KEYS = { valid: "certStatus.valid", expired: "certStatus.expired", revoked: "certStatus.revoked" } as const;
// The module badges' colours: green for valid, red for expired or revoked.
const TONES = { valid: "passed", expired: "expired", revoked: "failed" } as const;

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const t = useT();
  return <span className={`badge badge--${TONES[status]}`}>{t(KEYS[status])}</span>;
}
