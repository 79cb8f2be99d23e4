// English messages for the content area. Keys must match content.id.ts.
export const contentEn = {
} as const;
