import { DoubleScanGuard, ScanDetector, cleanInput } from "../src/scan";

describe("ScanDetector", () => {
  it("calls 10 keys 20 ms apart a scanner", () => {
    const d = new ScanDetector();
    for (let i = 0; i < 10; i++) d.key(1000 + i * 20);
    expect(d.finish()).toBe("scanner");
  });

  it("calls 10 keys 180 ms apart a person typing", () => {
    const d = new ScanDetector();
    for (let i = 0; i < 10; i++) d.key(1000 + i * 180);
    expect(d.finish()).toBe("keyboard");
  });

  it("is not fooled by one slow key inside a scan", () => {
    const d = new ScanDetector();
    const times = [0, 15, 30, 45, 400, 415, 430, 445, 460, 475];
    times.forEach((t) => d.key(t));
    expect(d.finish()).toBe("scanner");
  });

  it("needs at least four keys to call it a scan, and starts over after each code", () => {
    const d = new ScanDetector();
    [0, 5, 10].forEach((t) => d.key(t));
    expect(d.finish()).toBe("keyboard");
    [0, 200, 400, 600].forEach((t) => d.key(t));
    expect(d.finish()).toBe("keyboard");
  });
});

describe("DoubleScanGuard", () => {
  it("ignores the same code within two seconds", () => {
    const g = new DoubleScanGuard();
    expect(g.isRepeat("1000000017", 0)).toBe(false);
    expect(g.isRepeat("1000000017", 1999)).toBe(true);
  });

  it("takes the same code again after two seconds, and a different code at once", () => {
    const g = new DoubleScanGuard();
    expect(g.isRepeat("1000000017", 0)).toBe(false);
    expect(g.isRepeat("1000000025", 100)).toBe(false);
    expect(g.isRepeat("1000000017", 200)).toBe(false);
    expect(g.isRepeat("1000000017", 2300)).toBe(false);
  });
});

describe("cleanInput", () => {
  it("drops the tab, CR and LF a scanner adds, and surrounding spaces", () => {
    expect(cleanInput(" 1000000017\r\n")).toBe("1000000017");
    expect(cleanInput("2000000019\t")).toBe("2000000019");
  });

  it("leaves full-width digits for the core to fold (C3 is one rule in one place)", () => {
    expect(cleanInput("２０００００００１９")).toBe("２０００００００１９");
  });
});
