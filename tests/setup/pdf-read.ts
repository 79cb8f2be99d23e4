// Reads a PDF back the way a person or a scanner would, with npm packages only (no
// poppler-utils or zbar-tools): text, metadata and images through pdf.js (pdfjs-dist's legacy
// build, which runs in Node), QR codes through a rendered page and jsQR.
import fs from "node:fs";

type Source = string | Uint8Array;

async function open(source: Source) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const data = typeof source === "string" ? new Uint8Array(fs.readFileSync(source)) : new Uint8Array(source);
  return getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

/** The text of every page, a line per line of text (as pdftotext prints it, give or take spacing). */
export async function pdfText(source: Source): Promise<string> {
  const doc = await open(source);
  try {
    let out = "";
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      for (const item of content.items) {
        if (!("str" in item)) continue;
        out += item.str + (item.hasEOL ? "\n" : "");
      }
      out += "\n\f";
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** The document information (Title, Author, Subject, Creator, Producer…), the page count and the first page's size in points. */
export async function pdfInfo(source: Source): Promise<{ pages: number; info: Record<string, string>; width: number; height: number }> {
  const doc = await open(source);
  try {
    const { info } = await doc.getMetadata();
    const [x0, y0, x1, y1] = (await doc.getPage(1)).view as [number, number, number, number];
    return { pages: doc.numPages, info: info as Record<string, string>, width: x1 - x0, height: y1 - y0 };
  } finally {
    await doc.destroy();
  }
}

/**
 * The QR codes on each page, decoded the way a phone would: the page rendered by pdf.js (on
 * @napi-rs/canvas, which ships its own binary) and the pixels read by jsQR. One code per page.
 */
export async function pdfQrCodes(source: Source, scale = 3): Promise<string[]> {
  const { default: jsQR } = await import("jsqr");
  const doc = await open(source);
  try {
    const codes: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale });
      const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvasContext: context as never, viewport }).promise;
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), canvas.width, canvas.height);
      if (found) codes.push(found.data);
    }
    return codes;
  } finally {
    await doc.destroy();
  }
}

/** How many images the pages paint (a logo, for example). */
export async function pdfImageCount(source: Source): Promise<number> {
  const { OPS } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await open(source);
  try {
    let n = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const ops = await (await doc.getPage(p)).getOperatorList();
      n += ops.fnArray.filter((fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject).length;
    }
    return n;
  } finally {
    await doc.destroy();
  }
}

type CanvasFactory = {
  create(
    width: number,
    height: number,
  ): {
    canvas: { width: number; height: number };
    context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
};
