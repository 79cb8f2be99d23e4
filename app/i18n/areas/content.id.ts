import type { contentEn } from "./content.en";

export const contentId: Record<keyof typeof contentEn, string> = {
};
