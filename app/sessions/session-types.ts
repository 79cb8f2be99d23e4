// The shapes the live-session pages show (plain data; the server functions are typed by them).
export type MyRegistration = "registered" | "waitlisted" | null;

export type SessionCard = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  meetingUrl: string | null;
  hostName: string;
  modules: string[];
  capacity: number;
  registered: number;
  waitlisted: number;
  hours: number;
  status: "scheduled" | "cancelled";
  mine: MyRegistration;
};

export type SessionDetail = SessionCard & {
  description: string;
  /** The actor's place on the waitlist (1 is next), when waiting. */
  position: number | null;
  /** "open" takes registrations; otherwise why not. */
  state: "open" | "cancelled" | "ended";
  /** Where the attendance window stands (ADR 0037): the check-in link shows while it is open. */
  window: "before" | "open" | "ended";
  /** The actor checked in (or the host marked them present). */
  attended: boolean;
};

export type Registrant = { userId: string; name: string; email: string; since: string };

/** What the trainer's edit form starts from: the stored session in TIME_ZONE's wall clock. */
export type SessionFormValues = Record<
  | "titleEn"
  | "titleId"
  | "descriptionEn"
  | "descriptionId"
  | "hostId"
  | "day"
  | "startTime"
  | "endTime"
  | "place"
  | "meetingUrl"
  | "capacity"
  | "hours",
  string
> & { modules: string[] };
