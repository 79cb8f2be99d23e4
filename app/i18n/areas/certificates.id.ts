import type { certificatesEn } from "./certificates.en";

export const certificatesId: Record<keyof typeof certificatesEn, string> = {
};
