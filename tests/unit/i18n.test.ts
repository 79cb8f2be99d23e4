import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import { localeFromAcceptLanguage, translate } from "~/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("have exactly the same keys in English and Bahasa Indonesia", () => {
    const enKeys = Object.keys(en).sort();
    const idKeys = Object.keys(id).sort();
    expect(
      idKeys.filter((k) => !enKeys.includes(k)),
      "keys only in id",
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !idKeys.includes(k)),
      "keys only in en",
    ).toEqual([]);
  });

  it("have no empty messages and the same placeholders in both languages", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(id[key].trim(), key).not.toBe("");
      expect(placeholders(id[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate(en, "learn.welcome", { name: "Sari" })).toBe("Welcome, Sari. Pick up where you left off.");
    expect(translate(id, "module.minutes", { minutes: 7 })).toBe("7 menit");
    expect(translate(en, "learn.welcome")).toContain("{name}");
  });
});

describe("Accept-Language", () => {
  it.each([
    ["id-ID,id;q=0.9,en;q=0.8", "id"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9,id;q=0.5", "id"],
    ["in", "id"],
    ["en;q=0.2,id;q=0.8", "id"],
    ["de-DE", undefined],
    ["", undefined],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
