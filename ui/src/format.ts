// Dates as the desk reads them: 2026年4月15日(水), 和暦 on request (令和8年4月15日(水)),
// English as Wed 15 Apr 2026. Dates arrive as YYYY-MM-DD (Asia/Tokyo calendar dates).

import type { Lang } from "./types";

const JA_WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];
const EN_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Eras from their first day, newest first. */
const ERAS: { name: string; start: [number, number, number] }[] = [
  { name: "令和", start: [2019, 5, 1] },
  { name: "平成", start: [1989, 1, 8] },
  { name: "昭和", start: [1926, 12, 25] },
];

export interface DateParts {
  y: number;
  m: number;
  d: number;
  weekday: number;
}

export function parseDate(iso: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return { y, m: mo, d, weekday: date.getUTCDay() };
}

export function wareki(p: DateParts): string {
  const key = p.y * 10000 + p.m * 100 + p.d;
  const era = ERAS.find((e) => key >= e.start[0] * 10000 + e.start[1] * 100 + e.start[2]);
  if (!era) return `${p.y}年`;
  const year = p.y - era.start[0] + 1;
  return `${era.name}${year === 1 ? "元" : year}年`;
}

export interface DateStyle {
  lang: Lang;
  wareki: boolean;
}

export function formatDate(iso: string | null | undefined, style: DateStyle): string {
  if (!iso) return "";
  const p = parseDate(iso);
  if (!p) return iso;
  if (style.lang === "en") return `${EN_WEEKDAYS[p.weekday]} ${p.d} ${EN_MONTHS[p.m - 1]} ${p.y}`;
  const year = style.wareki ? wareki(p) : `${p.y}年`;
  return `${year}${p.m}月${p.d}日(${JA_WEEKDAYS[p.weekday]})`;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) return 0;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

export function addDays(iso: string, n: number): string {
  const p = parseDate(iso);
  if (!p) return iso;
  const d = new Date(Date.UTC(p.y, p.m - 1, p.d + n));
  return d.toISOString().slice(0, 10);
}

const ERA_LETTERS: Record<string, string> = { R: "令和", H: "平成", S: "昭和" };

function iso(y: number, m: number, d: number): string | null {
  const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return parseDate(text) ? text : null;
}

/** A day as staff type it: 2026-11-30, 2026/11/30, 2026年11月30日, 20261130, R8.11.30,
 * 令和8年11月30日, or 11/30 alone (this year, or last year when that day is still to come:
 * a hand-in day is in the past), in full-width digits too. Null when it is not a real day. */
export function parseTypedDay(text: string, today: string): string | null {
  const s = text.normalize("NFKC").trim().replace(/\s+/g, "").toUpperCase();
  if (!s) return null;
  const sep = "[-/.年月]";
  let m = new RegExp(`^(\\d{4})${sep}(\\d{1,2})${sep}(\\d{1,2})日?$`).exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = new RegExp(`^(令和|平成|昭和|[RHS])(元|\\d{1,2})${sep}(\\d{1,2})${sep}(\\d{1,2})日?$`).exec(s);
  if (m) {
    const name = ERA_LETTERS[m[1]] ?? m[1];
    const era = ERAS.find((e) => e.name === name);
    if (!era) return null;
    const year = era.start[0] + (m[2] === "元" ? 1 : Number(m[2])) - 1;
    const day = iso(year, Number(m[3]), Number(m[4]));
    if (!day) return null;
    // 令和1年4月30日 is no day: it was 平成31年.
    const p = parseDate(day) as DateParts;
    return wareki(p).startsWith(name) ? day : null;
  }
  m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const now = parseDate(today);
    if (!now) return null;
    const thisYear = iso(now.y, Number(m[1]), Number(m[2]));
    if (thisYear && thisYear <= today) return thisYear;
    return iso(now.y - 1, Number(m[1]), Number(m[2]));
  }
  return null;
}
