// Scanner input: tell a barcode scanner from a person typing by keystroke timing, and ignore the
// same code scanned twice within two seconds (a double scan).

/** Scanners send a character every few milliseconds; people rarely type faster than 50 ms. */
export const SCANNER_MAX_GAP_MS = 50;
export const DOUBLE_SCAN_MS = 2000;

export type Source = "scanner" | "keyboard";

/** Watches keystrokes in the scan field and says, at Enter, how the code arrived. */
export class ScanDetector {
  private stamps: number[] = [];

  key(at: number) {
    this.stamps.push(at);
  }

  reset() {
    this.stamps = [];
  }

  /** The source of what was entered since the last reset; at least 4 quick keys for a scanner. */
  finish(): Source {
    const s = this.stamps;
    this.reset();
    if (s.length < 4) return "keyboard";
    const gaps = s.slice(1).map((t, i) => t - s[i]);
    const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
    return median <= SCANNER_MAX_GAP_MS ? "scanner" : "keyboard";
  }
}

/** Remembers the last code and when it came; a repeat inside the window is a double scan. */
export class DoubleScanGuard {
  private last: { code: string; at: number } | null = null;

  constructor(private readonly windowMs = DOUBLE_SCAN_MS) {}

  isRepeat(code: string, at: number): boolean {
    const repeat = this.last !== null && this.last.code === code && at - this.last.at < this.windowMs;
    if (!repeat) this.last = { code, at };
    return repeat;
  }
}

/** What the field holds, trimmed of the Tab, CR and LF a scanner may add. */
export function cleanInput(raw: string): string {
  return raw.replace(/[\t\r\n]+/g, "").trim();
}
