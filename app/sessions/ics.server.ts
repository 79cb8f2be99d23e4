// An RFC 5545 iCalendar writer for live-session invitations (ADR 0036): one VEVENT per message,
// METHOD REQUEST (invite or update) or CANCEL. Lines end in CRLF and are folded at 75 octets
// without splitting a UTF-8 character; text values escape backslash, semicolon, comma and line
// breaks. The UID is stable per session and SEQUENCE is the session's, so a calendar replaces
// the event it already holds instead of adding a second one.
export type CalendarMethod = "REQUEST" | "CANCEL";

export type CalendarEvent = {
  method: CalendarMethod;
  uid: string;
  sequence: number;
  /** When this version of the invitation was made. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string; role?: "CHAIR" | "REQ-PARTICIPANT" }[];
  cancelled: boolean;
};

/** `20261214T020000Z`: an instant in UTC, the form every DTSTART/DTEND/DTSTAMP here takes. */
export function icsDate(instant: Date) {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** A TEXT value: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(value: string) {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A parameter value (CN=…): quoted, with the characters a quoted value cannot hold left out. */
function paramValue(value: string) {
  return `"${value.replace(/["\r\n\u0000-\u001f]/g, "")}"`;
}

const encoder = new TextEncoder();

/**
 * One content line folded at 75 octets: each continuation line starts with a space (which
 * counts toward its 75), and a fold never falls inside a multi-byte UTF-8 character.
 */
export function foldLine(line: string) {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function mailto(person: { name: string; email: string }, extra = "") {
  return `;CN=${paramValue(person.name)}${extra}:mailto:${person.email}`;
}

/** The whole calendar object, CRLF line ends, ready to send as text/calendar. */
export function writeCalendar(event: CalendarEvent, productId = "-//Pustaka Academy//Live sessions//EN") {
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${productId}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsDate(event.stamp)}`,
    `DTSTART:${icsDate(event.start)}`,
    `DTEND:${icsDate(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    `ORGANIZER${mailto(event.organizer)}`,
    ...event.attendees.map(
      (a) => `ATTENDEE${mailto(a, `;ROLE=${a.role ?? "REQ-PARTICIPANT"};PARTSTAT=${a.role === "CHAIR" ? "ACCEPTED" : "NEEDS-ACTION"};RSVP=FALSE`)}`,
    ),
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
