import type { reportsEn } from "./reports.en";

export const reportsId: Record<keyof typeof reportsEn, string> = {
};
