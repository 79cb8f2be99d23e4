/**
 * Pads every glyph of a TrueType font to a 4-byte boundary, rebuilding `glyf` and `loca`.
 *
 * Why: fontkit's subsetter (used by pdf-lib's `subset: true`) copies each glyph's bytes as
 * they are and then writes a short `loca` table when the subset is small, which stores
 * offsets divided by two. Noto Sans has 1,317 glyphs of odd length, so in a subset every glyph
 * after the first odd one pointed one byte off: most letters printed as nothing. With padded
 * glyphs every offset is even (as the TrueType spec recommends), and subsets come out right.
 * Done once per process, when the fonts are loaded.
 */
export function padTrueTypeGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  const order: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
    const offset = view.getUint32(rec + 8);
    const length = view.getUint32(rec + 12);
    tables.set(tag, font.subarray(offset, offset + length));
    order.push(tag);
  }
  const glyf = tables.get("glyf");
  const loca = tables.get("loca");
  const head = tables.get("head");
  const maxp = tables.get("maxp");
  if (!glyf || !loca || !head || !maxp) return font; // not a TrueType-outline font
  const headView = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const longLoca = headView.getInt16(50) === 1;
  const numGlyphs = new DataView(maxp.buffer, maxp.byteOffset, maxp.byteLength).getUint16(4);
  const locaView = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const offsetOf = (i: number) => (longLoca ? locaView.getUint32(i * 4) : locaView.getUint16(i * 2) * 2);

  let aligned = true;
  let size = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const length = offsetOf(i + 1) - offsetOf(i);
    if (length % 4 !== 0) aligned = false;
    size += (length + 3) & ~3;
  }
  if (aligned) return font;

  const newGlyf = new Uint8Array(size);
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const newLocaView = new DataView(newLoca.buffer);
  let at = 0;
  for (let i = 0; i < numGlyphs; i++) {
    newLocaView.setUint32(i * 4, at);
    newGlyf.set(glyf.subarray(offsetOf(i), offsetOf(i + 1)), at);
    at += (offsetOf(i + 1) - offsetOf(i) + 3) & ~3;
  }
  newLocaView.setUint32(numGlyphs * 4, at);
  const newHead = head.slice();
  const newHeadView = new DataView(newHead.buffer);
  newHeadView.setInt16(50, 1); // long loca offsets
  newHeadView.setUint32(8, 0); // checkSumAdjustment, set below
  tables.set("glyf", newGlyf);
  tables.set("loca", newLoca);
  tables.set("head", newHead);

  const padded = (n: number) => (n + 3) & ~3;
  const total = 12 + numTables * 16 + order.reduce((sum, tag) => sum + padded(tables.get(tag)!.length), 0);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12), 0);
  const checksum = (start: number, length: number) => {
    let sum = 0;
    for (let p = start; p < start + padded(length); p += 4) sum = (sum + outView.getUint32(p)) >>> 0;
    return sum;
  };
  let dataAt = 12 + numTables * 16;
  let headAt = 0;
  order.forEach((tag, i) => {
    const data = tables.get(tag)!;
    out.set(data, dataAt);
    const rec = 12 + i * 16;
    for (let c = 0; c < 4; c++) out[rec + c] = tag.charCodeAt(c);
    outView.setUint32(rec + 4, checksum(dataAt, data.length));
    outView.setUint32(rec + 8, dataAt);
    outView.setUint32(rec + 12, data.length);
    if (tag === "head") headAt = dataAt;
    dataAt += padded(data.length);
  });
  outView.setUint32(headAt + 8, (0xb1b0afba - checksum(0, total)) >>> 0);
  return out;
}
