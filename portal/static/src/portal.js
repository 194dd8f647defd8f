// Small enhancements only: every page works without this file.
// The idle warning: two minutes before the server ends an idle session, say so.
const body = document.body;
const timeout = Number(body.dataset.idleTimeout || 0);
const dialog = document.getElementById("idle-warning");
if (timeout > 0 && dialog && typeof dialog.showModal === "function") {
  const warnAfterMs = Math.max(timeout - 120, 30) * 1000;
  window.setTimeout(() => dialog.showModal(), warnAfterMs);
}
// Once the time is up, leave the page, so nothing personal stays on the screen of a
// device someone else may pick up. The server has already ended the session by then.
const expiredUrl = dialog ? dialog.dataset.expiredUrl : "";
if (timeout > 0 && expiredUrl) {
  window.setTimeout(() => window.location.replace(expiredUrl), (timeout + 5) * 1000);
}
