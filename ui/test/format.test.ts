import { addDays, daysBetween, formatDate, parseDate, wareki } from "../src/format";

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
