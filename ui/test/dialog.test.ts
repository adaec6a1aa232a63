import { confirmDialog, notice } from "../src/components/dialog";
import { setScanField } from "../src/focus";

function press(key: string) {
  document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
}

describe("dialogs", () => {
  afterEach(() => {
    setScanField(null);
    document.body.replaceChildren();
  });

  it("Enter confirms, Escape backs out, and focus goes back to the scan field", async () => {
    const scan = document.createElement("input");
    document.body.appendChild(scan);
    setScanField(scan);

    const yes = confirmDialog("上書きしますか", ["理由"], "上書きする");
    await Promise.resolve();
    await Promise.resolve();
    expect(document.querySelector("[role=dialog]")).not.toBeNull();
    press("Enter");
    expect(await yes).toBe(true);
    expect(document.activeElement).toBe(scan);

    const no = confirmDialog("上書きしますか", ["理由"], "上書きする");
    await Promise.resolve();
    await Promise.resolve();
    press("Escape");
    expect(await no).toBe(false);
    expect(document.querySelector("[role=dialog]")).toBeNull();
  });

  it("shows one dialog at a time, in order", async () => {
    const first = notice("一", ["first"]);
    const second = notice("二", ["second"]);
    await Promise.resolve();
    await Promise.resolve();
    expect(document.querySelectorAll("[role=dialog]").length).toBe(1);
    expect(document.querySelector("[role=dialog] h2")?.textContent).toBe("一");
    press("Enter");
    await first;
    await Promise.resolve();
    await Promise.resolve();
    expect(document.querySelector("[role=dialog] h2")?.textContent).toBe("二");
    press("Escape");
    await second;
  });
});
