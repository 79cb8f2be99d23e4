// The certificate's fonts: Noto Sans from @embedpdf/fonts-latin, read and parsed once per process,
// and the text a font cannot draw replaced before it reaches pdf-lib.
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { loadFontkit } from "~/utils/lazy-libraries.server";
import { padTrueTypeGlyphs } from "./font-fix.server";

type Fontkit = Awaited<ReturnType<typeof loadFontkit>>;
type ParsedFont = ReturnType<Fontkit["create"]>;
type CachingFontkit = { create(buffer: Uint8Array, postscriptName?: string): ParsedFont };

export type CertificateFonts = { regular: Uint8Array; bold: Uint8Array; characters: Set<number>; fontkit: CachingFontkit };

const parsedFonts = new WeakMap<Uint8Array, ParsedFont>();

/**
 * fontkit for pdf-lib, parsing each font file once per process instead of once per PDF. The
 * parsed font keeps its layout tables (kerning, glyph substitutions) once built, which is most
 * of the cost of a PDF: about 100 ms per certificate without this, about 15 ms with it. pdf-lib
 * only reads the font and makes its own subset per document, so sharing it is safe.
 */
function cachingFontkit(fontkit: Fontkit): CachingFontkit {
  return {
    create(buffer, postscriptName) {
      if (postscriptName) return fontkit.create(buffer, postscriptName);
      let font = parsedFonts.get(buffer);
      if (!font) {
        font = fontkit.create(buffer);
        parsedFonts.set(buffer, font);
      }
      return font;
    },
  };
}

let fontsOnce: Promise<CertificateFonts> | undefined;

/** Reads the two Noto Sans files (and loads fontkit) once per process; every PDF embeds (a subset of) them. */
export function loadCertificateFonts(): Promise<CertificateFonts> {
  fontsOnce ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's main file lives in dist/; its fonts in fonts/ beside it.
    const dir = path.join(path.dirname(require.resolve("@embedpdf/fonts-latin")), "..", "fonts");
    const [regular, bold, fontkit] = await Promise.all([
      fs.readFile(path.join(dir, "NotoSans-Regular.ttf")),
      fs.readFile(path.join(dir, "NotoSans-Bold.ttf")),
      loadFontkit().then(cachingFontkit),
    ]);
    const fonts = { regular: padTrueTypeGlyphs(new Uint8Array(regular)), bold: padTrueTypeGlyphs(new Uint8Array(bold)) };
    // Both weights cover the same characters (Noto Sans).
    return { ...fonts, fontkit, characters: new Set<number>(fontkit.create(fonts.regular).characterSet) };
  })();
  fontsOnce.catch(() => {
    fontsOnce = undefined;
  });
  return fontsOnce;
}

/**
 * Text the font can print: NFC first (so "e" + combining marks becomes one letter the font
 * has), then a character the font lacks becomes its accent-less base letter if the font has
 * that, else "?". A name in a script the font does not cover still gives a readable PDF.
 */
export function printableText(text: string, characters: Set<number>): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const cp = ch.codePointAt(0)!;
    if (characters.has(cp)) {
      out += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      out += " ";
      continue;
    }
    // Control and format characters (zero-width joiners, direction marks) print as nothing.
    if (/[\p{Cc}\p{Cf}]/u.test(ch)) continue;
    const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    out += base && [...base].every((c) => characters.has(c.codePointAt(0)!)) ? base : "?";
  }
  return out;
}
