// The browser's message catalog is a static, content-hashed file instead of part of every page's
// root loader data (issue 29: each page carried 20-odd KB of messages). These tests read what
// the root loader and the catalog route actually answer.
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { loader as catalogLoader } from "~/routes/i18n.$file";
import { catalogAt } from "~/i18n/catalog-store";
import { catalogFile, clientCatalog, clientMessages } from "~/i18n/client-messages.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";

const NAME = /^\/i18n\/(en|id)\.([a-z]+)\.([A-Za-z0-9_-]{16})\.json$/;

async function fetchCatalog(url: string) {
  const file = url.slice("/i18n/".length);
  const result = await run(() => catalogLoader(routeArgs(makeRequest(url), { file }) as never));
  return result.value as Response;
}

describe("the message catalog as a file", () => {
  it("names each language and area's catalog by its content, and serves exactly the page's messages", async () => {
    const learnEn = clientCatalog("en", "/learn");
    const learnId = clientCatalog("id", "/learn");
    const hrEn = clientCatalog("en", "/hr/report");
    expect(learnEn.url).toMatch(NAME);
    expect(new Set([learnEn.url, learnId.url, hrEn.url]).size).toBe(3);
    // Asked again, the same name: a browser's cached copy stays valid until the text changes.
    expect(clientCatalog("en", "/learn/some-module/a-lesson").url).toBe(learnEn.url);

    for (const [url, locale, pathname] of [
      [learnEn.url, "en", "/learn"],
      [learnId.url, "id", "/learn"],
      [hrEn.url, "en", "/hr/report"],
    ] as const) {
      const response = await fetchCatalog(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const served = (await response.json()) as Record<string, string>;
      expect(served).toEqual(clientMessages(locale, pathname));
      // The server renders with the very catalog the browser loads.
      expect(catalogAt(url)).toEqual(served);
    }
    const hr = (await (await fetchCatalog(hrEn.url)).json()) as Record<string, string>;
    const learn = (await (await fetchCatalog(learnEn.url)).json()) as Record<string, string>;
    expect(Object.keys(hr).length).toBeGreaterThan(Object.keys(learn).length);
    expect(Object.values((await (await fetchCatalog(learnId.url)).json()) as Record<string, string>)).not.toEqual(Object.values(learn));
  });

  it("answers 404 for a name that is not a current catalog", async () => {
    const { url } = clientCatalog("en", "/learn");
    const [, , area, hash] = NAME.exec(url)!;
    const stale = `/i18n/en.${area}.${"A".repeat(16)}.json`;
    for (const bad of [
      stale,
      `/i18n/fr.${area}.${hash}.json`,
      `/i18n/en.secrets.${hash}.json`,
      "/i18n/..%2F..%2Fpackage.json",
      "/i18n/en.common.json",
    ]) {
      expect(catalogFile(bad.slice("/i18n/".length)), bad).toBeUndefined();
      expect((await fetchCatalog(bad)).status, bad).toBe(404);
    }
  });

  it("keeps the messages out of the root loader's data, anonymous or logged in", async () => {
    const user = await createTestUser({ role: "staff", locale: "id" });
    for (const cookie of [undefined, await sessionCookie(user.id)]) {
      const data = (await rootLoader(routeArgs(makeRequest("/learn", { cookie })) as never)) as Record<string, unknown>;
      expect(Object.keys(data).sort()).toEqual(["locale", "messagesUrl", "timeZone", "user"]);
      expect(String(data.messagesUrl)).toMatch(NAME);
      expect(JSON.stringify(data).length).toBeLessThan(600);
    }
    const data = (await rootLoader(routeArgs(makeRequest("/learn", { cookie: await sessionCookie(user.id) })) as never)) as { messagesUrl: string };
    expect(data.messagesUrl).toBe(clientCatalog("id", "/learn").url);
  });
});
