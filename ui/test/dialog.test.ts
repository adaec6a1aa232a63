import { confirmDialog, notice } from "../src/components/dialog";
import { setScanField } from "../src/focus";

function press(key: string, init: KeyboardEventInit = {}) {
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
}

/** A scanner: every character, then Enter. */
function scanKeys(code: string) {
  for (const c of code) press(c);
  press("Enter");
}

async function settle() {
  for (let i = 0; i < 4; i++) await Promise.resolve();
}

describe("dialogs", () => {
  afterEach(() => {
    setScanField(null);
    document.body.replaceChildren();
  });

  it("a confirmation that commits takes Ctrl+Enter, not the bare Enter; Escape backs out; focus goes back to the scan field", async () => {
    const scan = document.createElement("input");
    document.body.appendChild(scan);
    setScanField(scan);

    const yes = confirmDialog("上書きしますか", ["理由"], "上書きする");
    await settle();
    expect(document.querySelector("[role=dialog]")).not.toBeNull();
    press("Enter");
    await settle();
    expect(document.querySelector("[role=dialog]"), "a bare Enter does not commit").not.toBeNull();
    expect(document.querySelector("[data-testid=dialog-hint]")?.textContent).toContain("Ctrl+Enter");
    press("Enter", { ctrlKey: true });
    expect(await yes).toBe(true);
    expect(document.activeElement).toBe(scan);

    const no = confirmDialog("上書きしますか", ["理由"], "上書きする");
    await settle();
    press("Escape");
    expect(await no).toBe(false);
    expect(document.querySelector("[role=dialog]")).toBeNull();
  });

  it("a scan into an open dialog neither answers nor closes it, and is handed on for after", async () => {
    const scan = document.createElement("input");
    document.body.appendChild(scan);
    const held: string[] = [];
    setScanField(scan, (code) => held.push(code));

    const shown = notice("予約資料です", ["こころ"]);
    await settle();
    scanKeys("1900000005");
    await settle();
    expect(document.querySelector("[role=dialog]"), "the scanner's Enter did not close it").not.toBeNull();
    expect(held).toEqual(["1900000005"]);
    expect(document.querySelector("[data-testid=held-scan]")?.textContent).toContain("1900000005");
    press("Enter");
    await shown;
  });

  it("a scan into a dialog of a screen that takes no scans is refused in view", async () => {
    const shown = notice("変更しました", ["試験 太郎"]);
    await settle();
    scanKeys("1900000005");
    await settle();
    expect(document.querySelector("[data-testid=held-scan]")?.textContent).toContain("処理されていません");
    press("Escape");
    await shown;
  });

  it("Tab and Shift+Tab stay inside the dialog; the page behind is inert", async () => {
    const tab = document.createElement("button");
    tab.textContent = "F2 利用者";
    document.body.appendChild(tab);
    const open = confirmDialog("予約を取り消しますか", ["#3"], "取り消す");
    await settle();
    const box = document.querySelector("[role=dialog]") as HTMLElement;
    for (let i = 0; i < 5; i++) {
      press("Tab");
      expect(box.contains(document.activeElement), `after Tab ${i + 1}`).toBe(true);
    }
    for (let i = 0; i < 5; i++) {
      press("Tab", { shiftKey: true });
      expect(box.contains(document.activeElement), `after Shift+Tab ${i + 1}`).toBe(true);
    }
    expect(tab.inert).toBe(true);
    press("Escape");
    expect(await open).toBe(false);
    expect(tab.inert).toBe(false);
  });

  it("shows one dialog at a time, in order", async () => {
    const first = notice("一", ["first"]);
    const second = notice("二", ["second"]);
    await settle();
    expect(document.querySelectorAll("[role=dialog]").length).toBe(1);
    expect(document.querySelector("[role=dialog] h2")?.textContent).toBe("一");
    press("Enter");
    await first;
    await settle();
    expect(document.querySelector("[role=dialog] h2")?.textContent).toBe("二");
    press("Escape");
    await second;
  });
});
