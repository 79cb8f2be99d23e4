import type { hoursEn } from "./hours.en";

export const hoursId: Record<keyof typeof hoursEn, string> = {
  "hours.value": "{hours} JP (jam pelajaran)",
  "hours.label": "Jam pelajaran",
  "hours.yearTitle": "Jam pelajaran tahun {year}",
  "hours.yearProgress": "{hours} dari {target} JP tercapai tahun ini",
  "hours.yearBarLabel": "Jam pelajaran yang tercapai tahun {year} dibandingkan target tahunan",
  "hours.yearMet": "Anda sudah mencapai target tahun ini.",
  "hours.yearLeft":
    "Kurang {left} JP. Setiap sertifikat menghitung jam pelajaran modulnya pada tahun sertifikat itu terbit (sertifikat yang dicabut tidak dihitung), dan setiap sesi tatap muka yang Anda hadiri menghitung jamnya pada tahun sesi itu berlangsung.",
  "hours.column": "JP {year}",
  "hours.columnLong": "Jam pelajaran (JP) {year}",
  "hours.underTarget": "Di bawah target",
  "hours.underTargetYes": "ya",
  "hours.underTargetNo": "tidak",
  "hours.target":
    "Target tahunan: {target} JP per orang. Jam pelajaran seseorang adalah jumlah jam pelajaran pada sertifikatnya yang terbit tahun {year}, tanpa sertifikat yang dicabut, ditambah sesi tatap muka yang dihadirinya yang dimulai tahun {year}.",
  "hours.year": "Tahun jam pelajaran",
  "hours.onlyUnder": "Hanya pegawai di bawah target JP",
  "hours.dashboardTitle": "Jam pelajaran tahun {year}",
  "hours.dashboardSummary": "{under} dari {people} orang di bawah target {target} JP; total {total} JP tercapai.",
  "hours.dashboardBands": "Jumlah orang menurut jam pelajaran yang tercapai tahun {year}",
  "hours.band": "JP tercapai",
  "hours.people": "Orang",
  "hours.bandNone": "0 JP",
  "hours.bandUnder": "di bawah {target} JP",
  "hours.bandMet": "{target} JP atau lebih",
};
