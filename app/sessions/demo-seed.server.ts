// The demo's live session: a workshop a week from the seed's day, 09:00-11:00 in TIME_ZONE,
// hosted by the demo mentor and scheduled by the demo trainer through the app's own functions
// (so the host's invitation and the registrants' mail are in the outbox); capacity 2 with three
// registrations, so the trainer's page shows a registrant list and a waitlist.
import { eq } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getContent, visibleModules } from "~/content/registry.server";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import { DemoSeedError, found } from "~/people/demo-steps.server";
import { addDays, todayIn } from "~/utils/dates";
import { registerForSession } from "./registration.server";
import { createSession } from "./schedule.server";

export async function seedSessionsDemo(db: Db, now: Date) {
  const state = await getContent();
  const modules = visibleModules(state, "staff");
  const byEmail = async (email: string) => found(email, (await db.select().from(users).where(eq(users.email, email)))[0]);
  const trainer = await byEmail("trainer@demo.library");
  const mentor = await byEmail("mentor@demo.library");
  const staff = await byEmail("staff@demo.library");
  const others = (await db.select().from(users)).filter((u) => u.role === "staff" && u.active && u.id !== staff.id).slice(0, 2);
  if (others.length < 2) throw new DemoSeedError("live session", "the demo needs two more active staff to register");
  const result = await createSession(
    trainer,
    {
      titleEn: "Short videos for the library: a Reels workshop",
      titleId: "Video pendek untuk perpustakaan: lokakarya Reels",
      descriptionEn:
        "Yusuf Hakim of the regency's communication office shows how to plan, film and edit a 30-second video about a library event. Bring a charged phone.",
      descriptionId:
        "Yusuf Hakim dari Diskominfo kabupaten menunjukkan cara merencanakan, merekam, dan menyunting video 30 detik tentang kegiatan perpustakaan. Bawa ponsel yang baterainya penuh.",
      hostId: mentor.id,
      day: addDays(todayIn(getConfig().timeZone, now), 7),
      startTime: "09:00",
      endTime: "11:00",
      place: "Hall 2, Riverside Branch",
      meetingUrl: "https://meet.example.org/pustaka-reels",
      capacity: 2,
      hours: 2,
      modules: modules.slice(0, 2).map((m) => m.slug),
    },
    state,
    now,
  );
  if (!result.ok) throw new DemoSeedError("live session", `${result.field}: ${result.message}`);
  for (const [i, person] of [staff, ...others].entries()) {
    const r = await registerForSession(person, result.id, new Date(now.getTime() + (i + 1) * 60_000));
    if (!r.ok) throw new DemoSeedError("live session", `registering ${person.email}: ${r.reason}`);
  }
  return { sessionId: result.id };
}
