// What the pages may know of a certificate without importing the server code that issues it.
export type CertificateStatus = "valid" | "expired" | "revoked";
