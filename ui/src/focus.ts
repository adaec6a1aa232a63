// The scan field always has focus unless a dialog or a form field is in use: after every scan,
// every dialog, every click on something that is not itself an input, focus returns to it.

let field: HTMLInputElement | null = null;
let sink: ((code: string) => void) | null = null;
let dialogs = 0;

/** The scan field, and who takes a code scanned while a dialog holds the keyboard. */
export function setScanField(el: HTMLInputElement | null, onHeldScan: ((code: string) => void) | null = null) {
  field = el;
  sink = el ? onHeldScan : null;
  refocus();
}

/** A code scanned into an open dialog: true when the screen will process it after the dialog. */
export function holdScan(code: string): boolean {
  if (!sink || !field?.isConnected) return false;
  sink(code);
  return true;
}

export function dialogOpened() {
  dialogs += 1;
}

export function dialogClosed() {
  dialogs = Math.max(0, dialogs - 1);
  refocus();
}

function isEditable(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (el as HTMLElement).isContentEditable;
}

/** Give the scan field focus unless the user is working in a dialog or another field. */
export function refocus(force = false) {
  if (!field || !field.isConnected || dialogs > 0) return;
  if (!force && isEditable(document.activeElement) && document.activeElement !== field) return;
  field.focus();
}

export function installFocusKeeper(root: Document = document) {
  root.addEventListener("click", (e) => {
    if (!isEditable(e.target as Element)) setTimeout(() => refocus(), 0);
  });
  window.addEventListener("focus", () => refocus());
}

export function hasDialog(): boolean {
  return dialogs > 0;
}
