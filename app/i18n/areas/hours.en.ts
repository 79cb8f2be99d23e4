// Lesson hours (JP, jam pelajaran): certificates, verify page, My learning, reports, dashboard.
// Not an area of its own in client-messages: these few keys are sent with every page.
export const hoursEn = {
  "hours.value": "{hours} JP (lesson hours)",
  "hours.label": "Lesson hours",
  "hours.yearTitle": "Lesson hours in {year}",
  "hours.yearProgress": "{hours} of {target} JP earned this year",
  "hours.yearBarLabel": "Lesson hours earned in {year} against the yearly target",
  "hours.yearMet": "You have reached this year's target.",
  "hours.yearLeft":
    "{left} JP to go. Each certificate counts its module's lesson hours in the year it is issued (a revoked one counts for nothing), and each live session you attended counts its hours in the year it took place.",
  "hours.column": "JP {year}",
  "hours.columnLong": "Lesson hours (JP) {year}",
  "hours.underTarget": "Under target",
  "hours.underTargetYes": "yes",
  "hours.underTargetNo": "no",
  "hours.target":
    "Yearly target: {target} JP per person. A person's hours are the sum of the lesson hours on their certificates issued in {year}, revoked ones excluded, and of the live sessions they attended that started in {year}.",
  "hours.year": "Year for lesson hours",
  "hours.onlyUnder": "Only people under the JP target",
  "hours.dashboardTitle": "Lesson hours in {year}",
  "hours.dashboardSummary": "{under} of {people} people are under the {target} JP target; {total} JP earned in all.",
  "hours.dashboardBands": "People by lesson hours earned in {year}",
  "hours.band": "JP earned",
  "hours.people": "People",
  "hours.bandNone": "0 JP",
  "hours.bandUnder": "under {target} JP",
  "hours.bandMet": "{target} JP or more",
} as const;
