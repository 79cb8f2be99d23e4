// The iCalendar writer (app/sessions/ics.server.ts) against RFC 5545's rules, read back with
// ical.js: CRLF line ends, lines folded at 75 octets without splitting a character, TEXT escaping.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icsDate, writeCalendar, type CalendarEvent } from "~/sessions/ics.server";
import { localDayAndTime, zonedInstant } from "~/utils/dates";

const event: CalendarEvent = {
  method: "REQUEST",
  uid: "live-session-abc@academy.test",
  sequence: 3,
  stamp: new Date("2030-01-07T02:00:00.123Z"),
  start: new Date("2030-01-14T02:00:00Z"),
  end: new Date("2030-01-14T04:00:00Z"),
  summary: 'Klinik Reels; bagian 1, \\ edisi "cabang"',
  description: "Baris satu\nBaris dua, dengan koma; dan titik koma. ".repeat(6) + "Ringkasan ✓ Ümlaut 😀 selesai",
  location: "Aula 2, cabang Riverside",
  url: "https://academy.test/sessions/abc",
  organizer: { name: 'Perpustakaan "Kota"', email: "academy@library.test" },
  attendees: [
    { name: "Rina, Kominfo", email: "rina@kominfo.test", role: "CHAIR" },
    { name: "Budi", email: "budi@library.test" },
  ],
  cancelled: false,
};

describe("the .ics writer", () => {
  const text = writeCalendar(event);

  it("ends every line in CRLF and folds at 75 octets without splitting a UTF-8 character", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    // Unfolding gives the characters back whole.
    expect(text.replace(/\r\n /g, "")).toContain("Ringkasan ✓ Ümlaut 😀 selesai");
    expect(
      foldLine("x".repeat(200))
        .split("\r\n ")
        .map((l) => l.length),
    ).toEqual([75, 74, 51]);
  });

  it("escapes TEXT values and parses back to the same values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const root = new ICAL.Component(ICAL.parse(text));
    const vevent = root.getFirstSubcomponent("vevent")!;
    expect(root.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(vevent.getFirstPropertyValue("summary")).toBe(event.summary);
    expect(vevent.getFirstPropertyValue("description")).toBe(event.description);
    expect(vevent.getFirstPropertyValue("location")).toBe(event.location);
    expect(vevent.getFirstPropertyValue("sequence")).toBe(3);
    expect(vevent.getFirstPropertyValue("uid")).toBe(event.uid);
    expect((vevent.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString()).toBe("2030-01-14T02:00:00.000Z");
    expect((vevent.getFirstPropertyValue("dtstamp") as ICAL.Time).toString()).toBe("2030-01-07T02:00:00Z");
    const chair = vevent.getAllProperties("attendee")[0]!;
    expect(chair.getParameter("cn")).toBe("Rina, Kominfo");
    expect(chair.getParameter("role")).toBe("CHAIR");
    expect(vevent.getFirstProperty("organizer")!.getParameter("cn")).toBe("Perpustakaan Kota");
    expect(icsDate(event.start)).toBe("20300114T020000Z");
  });

  it("a cancellation says so twice: METHOD CANCEL and STATUS CANCELLED", () => {
    const root = new ICAL.Component(ICAL.parse(writeCalendar({ ...event, method: "CANCEL", cancelled: true })));
    expect(root.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(root.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
  });
});

describe("local times in the organisation's zone", () => {
  it("turns a day and wall-clock time into the instant, and back", () => {
    expect(zonedInstant("2030-01-14", "09:00", "Asia/Jakarta").toISOString()).toBe("2030-01-14T02:00:00.000Z");
    expect(zonedInstant("2030-01-01", "06:30", "Asia/Jakarta").toISOString()).toBe("2029-12-31T23:30:00.000Z");
    expect(zonedInstant("2030-03-31", "09:00", "Europe/Berlin").toISOString()).toBe("2030-03-31T07:00:00.000Z");
    expect(zonedInstant("2030-03-31", "01:30", "Europe/Berlin").toISOString()).toBe("2030-03-31T00:30:00.000Z");
    expect(localDayAndTime(new Date("2029-12-31T23:30:00Z"), "Asia/Jakarta")).toEqual({ day: "2030-01-01", time: "06:30" });
  });
});
