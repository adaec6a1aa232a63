// C4: keep the screen on while the card barcode is shown, where the browser allows it (the
// Screen Wake Lock API); a page hidden and shown again asks again. Without it the page works as is.
"use strict";
(() => {
  if (!("wakeLock" in navigator)) return;
  const ask = () => navigator.wakeLock.request("screen").catch(() => {});
  ask();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") ask();
  });
})();
