// The harness's own checks must be able to fail: a page with known WCAG failures or a raw
// message key is refused, with and without JavaScript, and a clean page passes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eEnabled, expectAccessible, launchBrowser, newContext } from "./harness";

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harness check</title></head><body><main><h1>Check</h1>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  "/clean": page(`<form><label for="q">Search</label><input id="q" name="q"><button>Go</button></form>`),
  "/unlabelled": page(`<form><input name="q"><img src="/x.png"><button></button></form>`),
  "/low-contrast": page(`<p style="color:#bbb;background:#fff">Faint text that nobody can read</p>`),
  "/raw-key": page(`<p>nav.main</p>`),
};

describe.skipIf(!e2eEnabled)("the e2e harness", () => {
  let server: http.Server;
  let base = "";
  let browser: Browser;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const html = PAGES[req.url ?? ""];
      res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      res.end(html ?? "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`refuses WCAG failures and raw message keys, and passes a clean page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScriptEnabled });
      const tab = await context.newPage();
      for (let round = 0; round < 2; round++) {
        // Twice: the second scan of a document reuses the injected axe, and must still see the page.
        await tab.goto(`${base}/clean`);
        await expectAccessible(tab);
        await tab.goto(`${base}/unlabelled`);
        await expect(expectAccessible(tab)).rejects.toThrow(
          /\[critical\] label:[\s\S]*\[critical\] image-alt:|\[critical\] image-alt:[\s\S]*\[critical\] label:/,
        );
        await tab.goto(`${base}/low-contrast`);
        await expect(expectAccessible(tab)).rejects.toThrow(/\[serious\] color-contrast:/);
        await tab.goto(`${base}/raw-key`);
        await expect(expectAccessible(tab)).rejects.toThrow(/Untranslated message keys on .*: nav\.main/);
      }
      await context.close();
    });
  }
});
