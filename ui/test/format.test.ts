import { addDays, daysBetween, formatDate, parseDate, parseTypedDay, wareki } from "../src/format";

describe("formatDate", () => {
  it("shows 2026年4月15日(水) at the Japanese desk", () => {
    expect(formatDate("2026-04-15", { lang: "ja", wareki: false })).toBe("2026年4月15日(水)");
  });

  it("shows 令和8年 when 和暦 is on", () => {
    expect(formatDate("2026-04-15", { lang: "ja", wareki: true })).toBe("令和8年4月15日(水)");
  });

  it("writes the first year of an era as 元年, and knows where eras change", () => {
    expect(formatDate("2019-05-01", { lang: "ja", wareki: true })).toBe("令和元年5月1日(水)");
    expect(formatDate("2019-04-30", { lang: "ja", wareki: true })).toBe("平成31年4月30日(火)");
    expect(wareki(parseDate("1989-01-07")!)).toBe("昭和64年");
    expect(wareki(parseDate("1989-01-08")!)).toBe("平成元年");
  });

  it("shows English dates with the weekday", () => {
    expect(formatDate("2026-12-29", { lang: "en", wareki: false })).toBe("Tue 29 Dec 2026");
  });

  it("passes through what it cannot read and shows nothing for no date", () => {
    expect(formatDate("2026-02-30", { lang: "ja", wareki: false })).toBe("2026-02-30");
    expect(formatDate(null, { lang: "ja", wareki: false })).toBe("");
  });
});

describe("date arithmetic", () => {
  it("counts days across a month end", () => {
    expect(daysBetween("2026-03-25", "2026-04-08")).toBe(14);
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });
});

describe("parseTypedDay (the F8 hand-in day, typed as staff type it)", () => {
  const today = "2026-12-03";
  it("reads the forms used at a Japanese counter as the same day", () => {
    for (const typed of ["2026-11-30", "2026/11/30", "2026/11/30 ", "2026年11月30日", "20261130", "11/30", "11月30日", "R8.11.30", "令和8年11月30日", "２０２６／１１／３０", "Ｒ８．１１．３０", "１１/３０"]) {
      expect(parseTypedDay(typed, today), typed).toBe("2026-11-30");
    }
  });

  it("takes a month and day still to come this year as last year's", () => {
    expect(parseTypedDay("12/25", today)).toBe("2025-12-25");
    expect(parseTypedDay("12/3", today)).toBe("2026-12-03");
  });

  it("knows 元年 and where eras change", () => {
    expect(parseTypedDay("R元.5.1", today)).toBe("2019-05-01");
    expect(parseTypedDay("H31.4.30", today)).toBe("2019-04-30");
    expect(parseTypedDay("R1.4.30", today)).toBeNull();
  });

  it("refuses what is no day instead of falling back to today", () => {
    for (const typed of ["2026/11/31", "2026/13/01", "30/11", "あした", "", "2026-1130"]) {
      expect(parseTypedDay(typed, today), typed).toBeNull();
    }
  });
});
