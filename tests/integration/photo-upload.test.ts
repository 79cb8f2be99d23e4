// The photo a learner uploads for a practical task: a 12-megapixel phone photo (made here with
// sharp, not a committed 5 MB file) is sniffed by its bytes, turned upright, capped at
// MAX_IMAGE_EDGE and written again without its EXIF (GPS, camera).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkImage, MAX_IMAGE_EDGE } from "~/practice/uploads.server";

/** A 4000 x 3000 JPEG with sensor-like noise (so it is megabytes, like a real photo) and EXIF GPS. */
const made = new Map<number, Promise<Buffer>>();
function phonePhoto(orientation = 0) {
  if (!made.has(orientation)) made.set(orientation, makePhoto(orientation));
  return made.get(orientation)!;
}

async function makePhoto(orientation: number) {
  return sharp({
    create: { width: 4000, height: 3000, channels: 3, background: { r: 120, g: 130, b: 110 }, noise: { type: "gaussian", mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Phone 12" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" },
    })
    .withMetadata(orientation ? { orientation } : {})
    .toBuffer();
}

describe("checkImage on a 12-megapixel phone photo", () => {
  it("keeps a JPEG, drops the EXIF and GPS, and caps the longest edge", async () => {
    const photo = await phonePhoto();
    const before = await sharp(photo).metadata();
    expect([before.width, before.height]).toEqual([4000, 3000]);
    expect(before.exif?.length, "the fixture carries EXIF").toBeGreaterThan(0);
    expect(photo.length, "the fixture is phone-sized").toBeGreaterThan(3 * 1024 * 1024);

    const result = await checkImage(photo);
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    expect(result.file).toMatchObject({ mimeType: "image/jpeg", extension: "jpg" });
    const after = await sharp(result.file.bytes).metadata();
    expect(after.format).toBe("jpeg");
    expect([after.width, after.height]).toEqual([MAX_IMAGE_EDGE, (MAX_IMAGE_EDGE * 3) / 4]);
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(result.file.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    // Good enough for a reviewer, a fraction of the upload.
    expect(result.file.bytes.length).toBeLessThan(photo.length / 2);
  });

  it("turns a photo taken in portrait upright before the orientation tag is dropped", async () => {
    const photo = await phonePhoto(6);
    expect((await sharp(photo).metadata()).orientation, "the fixture is tagged as turned").toBe(6);
    const result = await checkImage(photo);
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    const after = await sharp(result.file.bytes).metadata();
    expect([after.width, after.height]).toEqual([(MAX_IMAGE_EDGE * 3) / 4, MAX_IMAGE_EDGE]);
    expect(after.orientation).toBeUndefined();
  });

  it("judges by content: a truncated photo and text named like a photo are refused", async () => {
    const photo = await phonePhoto();
    expect(await checkImage(photo.subarray(0, Math.floor(photo.length * 0.6)))).toEqual({ ok: false, error: "practice.upload.brokenImage" });
    expect(await checkImage(Buffer.from("<html><script>alert(1)</script></html>"))).toEqual({ ok: false, error: "practice.upload.notImage" });
  });

  it("leaves a small picture at its size", async () => {
    const small = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 1, g: 2, b: 3 } } })
      .png()
      .toBuffer();
    const result = await checkImage(small);
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    const after = await sharp(result.file.bytes).metadata();
    expect([after.format, after.width, after.height]).toEqual(["png", 640, 480]);
  });
});
