import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { mentorAssignments, mentorProfiles, partnerOrganisations } from "~/db/schema";
import { newId } from "~/utils/ids.server";
import { createTestUser, ORIGIN } from "./factories";
import { clockNow } from "~/utils/clock.server";

// Each test file stores uploads in its own folder.
process.env.UPLOADS_DIR ??= path.join(os.tmpdir(), `academy-uploads-${process.pid}-${randomBytes(4).toString("hex")}`);

export async function createMentor(
  organisation: string,
  assignments: { moduleSlug: string; orgUnitId?: string | null }[],
  overrides: Parameters<typeof createTestUser>[0] = {},
) {
  const mentor = await createTestUser({ role: "mentor", orgUnitId: null, ...overrides });
  const db = getDb();
  const now = clockNow();
  let [org] = await db.select().from(partnerOrganisations).where(eq(partnerOrganisations.name, organisation)).limit(1);
  if (!org) {
    org = { id: newId(), name: organisation, createdAt: now };
    await db.insert(partnerOrganisations).values(org);
  }
  await db.insert(mentorProfiles).values({ userId: mentor.id, partnerOrganisationId: org.id, createdAt: now });
  for (const a of assignments)
    await db
      .insert(mentorAssignments)
      .values({ id: newId(), mentorId: mentor.id, moduleSlug: a.moduleSlug, orgUnitId: a.orgUnitId ?? null, createdAt: now });
  return mentor;
}

/** A JPEG carrying EXIF GPS coordinates and a camera serial number, as a phone would write it. */
export async function jpegWithGps(width = 64, height = 48) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "Phone 12", Copyright: "Private" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 49/1 0/1" },
    })
    .toBuffer();
}

export function pngBytes(width = 32, height = 32) {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 160, b: 90 } } })
    .png()
    .toBuffer();
}

/** A multipart POST like the browser's, for a route action. */
export function multipartRequest(
  pathname: string,
  cookie: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Uint8Array },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("upload", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return new Request(`${ORIGIN}${pathname}`, { method: "POST", headers: { Cookie: cookie, Origin: ORIGIN }, body: form });
}
