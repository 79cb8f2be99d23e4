import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, generateCertificateCode, normalizeCertificateCode } from "~/certificates/code.server";
import { padTrueTypeGlyphs } from "~/certificates/font-fix.server";
import { startOfDay as startOfDayIn } from "~/utils/dates";
import { certificateFileName, loadCertificateFonts, printableText } from "~/certificates/pdf.server";
import { createSlidingWindowLimiter } from "~/auth/rate-limit.server";

describe("certificate codes", () => {
  it("are 16 characters of the 28-letter alphabet in four groups, and do not repeat", () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateCertificateCode();
      expect(code).toMatch(/^(.{4}-){3}.{4}$/);
      for (const ch of code.replace(/-/g, "")) expect(CODE_ALPHABET).toContain(ch);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
  });

  it.each([
    ["7kq2-mx4p-9hta-c3rd", "7KQ2-MX4P-9HTA-C3RD"],
    [" 7KQ2 MX4P 9HTA C3RD ", "7KQ2-MX4P-9HTA-C3RD"],
    ["7KQ2MX4P9HTAC3RD", "7KQ2-MX4P-9HTA-C3RD"],
    ["7KQ2-MX4P-9HTA-C3R", null],
    ["7KQ2-MX4P-9HTA-C3RD5", null],
    ["7KQ2-MX4P-9HTA-C3R5", null], // 5 is not in the alphabet
    ["", null],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeCertificateCode(input)).toBe(expected);
  });
});

describe("sliding-window limiter", () => {
  it("allows `limit` hits in any window, then refuses until the oldest hit leaves the window", () => {
    const limiter = createSlidingWindowLimiter({ limit: 3, windowMs: 1000 });
    expect(limiter.hit("a", 0).ok).toBe(true);
    expect(limiter.hit("a", 400).ok).toBe(true);
    expect(limiter.hit("a", 800).ok).toBe(true);
    expect(limiter.hit("a", 900)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.hit("b", 900).ok, "another key has its own window").toBe(true);
    // At 1000 the hit at 0 has left the window; at 1100 the window (100..1100] holds 400, 800, 1000.
    expect(limiter.hit("a", 1000).ok).toBe(true);
    expect(limiter.hit("a", 1100).ok).toBe(false);
    expect(limiter.hit("a", 1401).ok).toBe(true);
  });

  it("refused hits do not extend the block, and memory stays bounded", () => {
    const limiter = createSlidingWindowLimiter({ limit: 1, windowMs: 1000, maxKeys: 100 });
    expect(limiter.hit("a", 0).ok).toBe(true);
    for (let t = 10; t < 1000; t += 10) expect(limiter.hit("a", t).ok).toBe(false);
    expect(limiter.hit("a", 1000).ok).toBe(true);
    for (let i = 0; i < 1000; i++) limiter.hit(`ip-${i}`, 2000);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    limiter.hit("late", 5000);
    expect(limiter.size(), "idle keys are swept").toBe(1);
  });
});

describe("certificate PDF helpers", () => {
  const characters = new Set([..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ?-ễịÁ"].map((c) => c.codePointAt(0)!));

  it("keeps what the font has, drops accents it lacks, and replaces the rest with ?", () => {
    expect(printableText("Nguyễn Thị Ánh", characters)).toBe("Nguyễn Thị Ánh");
    expect(printableText("Nguyễn".normalize("NFD"), characters)).toBe("Nguyễn");
    expect(printableText("Zoë", characters)).toBe("Zoe");
    expect(printableText("李 😀", characters)).toBe("? ?");
    expect(printableText("a\u200db\tc", characters)).toBe("ab c");
  });

  it("makes ASCII file names", () => {
    expect(certificateFileName({ holderName: "Zoë Ðorđević", moduleSlug: "quick-module", code: "7KQ2-MX4P-9HTA-C3RD" })).toBe(
      "quick-module_Zoe-Dordevic_7KQ2-MX4P-9HTA-C3RD.pdf",
    );
    expect(certificateFileName({ holderName: "李小龍", moduleSlug: "m", code: "C" })).toBe("m_certificate_C.pdf");
  });

  it("finds midnight of a calendar day in a time zone", () => {
    expect(startOfDayIn("2025-03-01", "UTC").toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(startOfDayIn("2025-03-01", "Asia/Jakarta").toISOString()).toBe("2025-02-28T17:00:00.000Z");
    // The day summer time starts in New York: midnight is still EST.
    expect(startOfDayIn("2025-03-09", "America/New_York").toISOString()).toBe("2025-03-09T05:00:00.000Z");
    expect(startOfDayIn("2025-03-10", "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });
});

describe("font subsetting", () => {
  const require = createRequire(import.meta.url);
  const fontFile = path.join(path.dirname(require.resolve("@embedpdf/fonts-latin")), "..", "fonts", "NotoSans-Bold.ttf");

  /** Subsets the font like pdf-lib does and counts glyphs of `text` whose outline got lost. */
  async function brokenGlyphs(bytes: Uint8Array, text: string) {
    const font = fontkit.create(bytes);
    const subset = font.createSubset();
    const included = new Map<number, ReturnType<typeof font.getGlyph>>();
    for (const g of font.layout(text).glyphs) included.set(subset.includeGlyph(g), g);
    const parts: Uint8Array[] = [];
    await new Promise<void>((resolve) => {
      subset
        .encodeStream()
        .on("data", (d: Uint8Array) => parts.push(d))
        .on("end", () => resolve());
    });
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    const reread = fontkit.create(out);
    let broken = 0;
    for (const [gid, original] of included) {
      if (original.path.toSVG() === "") continue; // a space
      try {
        if (reread.getGlyph(gid).path.toSVG() === "") broken++;
      } catch {
        broken++; // read past the end of the glyph table
      }
    }
    return broken;
  }

  it("pads glyphs so a subset keeps every outline (unpadded Noto Sans loses most)", async () => {
    const raw = new Uint8Array(fs.readFileSync(fontFile));
    const text = "Certificate of completion Nguyễn Thị Ánh";
    expect(await brokenGlyphs(raw, text), "the bug this works around is still there").toBeGreaterThan(0);
    const padded = padTrueTypeGlyphs(raw);
    expect(await brokenGlyphs(padded, text)).toBe(0);
    // The padded font is still the same font.
    const a = fontkit.create(raw);
    const b = fontkit.create(padded);
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(b.characterSet.length).toBe(a.characterSet.length);
    expect(b.layout(text).advanceWidth).toBe(a.layout(text).advanceWidth);
    expect(padTrueTypeGlyphs(padded), "already aligned: returned as is").toBe(padded);
  });

  it("embeds only fonts that subset cleanly (the fonts every certificate PDF uses)", async () => {
    const fonts = await loadCertificateFonts();
    const text = "Certificate of completion Nguyễn Thị Ánh Zoë Ðorđević 0123456789%:/-";
    expect(await brokenGlyphs(fonts.regular, text)).toBe(0);
    expect(await brokenGlyphs(fonts.bold, text)).toBe(0);
  });
});
