// English messages for the certificates area. Keys must match certificates.id.ts.
export const certificatesEn = {
} as const;
