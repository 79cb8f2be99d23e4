import type { hrEn } from "./hr.en";

export const hrId: Record<keyof typeof hrEn, string> = {
};
