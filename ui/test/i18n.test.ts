import { dictionary, holdStatusName, setLang, t } from "../src/i18n";

describe("i18n", () => {
  it("has every Japanese key in English and no extra ones", () => {
    expect(Object.keys(dictionary.en).sort()).toEqual(Object.keys(dictionary.ja).sort());
  });

  it("has no empty texts and keeps the same placeholders in both languages", () => {
    for (const key of Object.keys(dictionary.ja) as (keyof typeof dictionary.ja)[]) {
      expect(dictionary.ja[key].length, key).toBeGreaterThan(0);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(dictionary.en[key]), key).toEqual(holes(dictionary.ja[key]));
    }
  });

  it("fills placeholders in the chosen language", () => {
    setLang("ja");
    expect(t("position", { n: 2 })).toBe("2番目");
    setLang("en");
    expect(t("position", { n: 2 })).toBe("#2 in queue");
    setLang("ja");
  });

  it("names a hold's status with the core's label in Japanese and in English words", () => {
    setLang("ja");
    expect(holdStatusName("in-transit", "回送中")).toBe("回送中");
    setLang("en");
    expect(holdStatusName("in-transit", "回送中")).toBe("In transit");
    expect(holdStatusName("awaiting-return", "返却待ち")).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    setLang("ja");
  });
});
