// English messages for the hr area. Keys must match hr.id.ts.
export const hrEn = {
} as const;
