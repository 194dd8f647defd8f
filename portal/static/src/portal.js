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
// A table wider than the screen scrolls in its own box: let the keyboard reach the box
// and name it by the table's caption, so scrolling it is not for mouse users only.
for (const box of document.querySelectorAll(".portal-table-scroll")) {
  if (box.scrollWidth > box.clientWidth) {
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    const caption = box.querySelector("caption");
    box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
  }
}
