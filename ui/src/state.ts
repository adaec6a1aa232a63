// Who is at the desk, where, and how dates are shown. Set by the sign-in screen.

import { formatDate } from "./format";
import { lang } from "./i18n";
import type { AppInfo, DeskView, Staff } from "./types";

export const app = {
  info: null as AppInfo | null,
  staff: null as Staff | null,
  desk: null as DeskView | null,
  /** 和暦 is the desk's habit, kept on this machine across sign-outs. */
  wareki: localStorage.getItem("kashidashi.wareki") === "1",
};

export function deskName(code: string | null | undefined): string {
  if (!code) return "";
  const d = app.info?.desks.find((x) => x.code === code);
  if (!d) return code;
  return lang() === "en" ? d.name_en : d.name;
}

/** Supervisors and admins: overrides, the expiry run and reports (the core checks again). */
export function isSupervisor(): boolean {
  return app.staff?.role === "supervisor" || app.staff?.role === "admin";
}

export function fmt(date: string | null | undefined): string {
  return formatDate(date, { lang: lang(), wareki: app.wareki });
}

export function today(): string {
  return app.info?.today ?? new Date().toISOString().slice(0, 10);
}
