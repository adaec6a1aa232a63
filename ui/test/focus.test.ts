import { dialogClosed, dialogOpened, refocus, setScanField } from "../src/focus";

function field(): HTMLInputElement {
  const input = document.createElement("input");
  document.body.appendChild(input);
  return input;
}

describe("focus keeper", () => {
  afterEach(() => {
    setScanField(null);
    document.body.replaceChildren();
  });

  it("puts focus on the scan field when it is set", () => {
    const scan = field();
    setScanField(scan);
    expect(document.activeElement).toBe(scan);
  });

  it("returns focus to the scan field when the last dialog closes", () => {
    const scan = field();
    setScanField(scan);
    const button = document.createElement("button");
    document.body.appendChild(button);
    dialogOpened();
    button.focus();
    refocus();
    expect(document.activeElement).toBe(button);
    dialogClosed();
    expect(document.activeElement).toBe(scan);
  });

  it("leaves another form field alone unless forced", () => {
    const scan = field();
    const date = field();
    setScanField(scan);
    date.focus();
    refocus();
    expect(document.activeElement).toBe(date);
    refocus(true);
    expect(document.activeElement).toBe(scan);
  });
});
