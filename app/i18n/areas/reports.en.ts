// English messages for the reports area. Keys must match reports.id.ts.
export const reportsEn = {
} as const;
