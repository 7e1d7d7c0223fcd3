// Behaviour shared by every page (served from this site: the content security policy allows no inline script).

// An action that cannot be undone (numbering, cancelling, issuing, recognising) sits in a form with
// data-confirm="…": the browser asks first, in the words of that attribute, and once the form is sent a second
// click sends nothing (the services refuse a second numbering anyway; this spares the person the error page).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) {
    return;
  }
  if (form.dataset.sent || !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "true";
  form.querySelectorAll("button[type=submit]").forEach((button) => {
    button.disabled = true;
  });
});

// A printed page shown on a screen (.document-preview > .document: the PDF's own HTML, print stylesheet and fonts)
// is laid out at the PDF's page width, so its lines break where the PDF's do, and shown scaled to the width of its
// box with a transform, as a PDF viewer would, at every screen width; it is never squeezed into a narrower column.
// It is laid out three times larger (CSS zoom) than it is printed: Chromium on Linux and Android rounds every
// glyph's width to 1/64 px at the size it lays text out at, which at 14 pt makes a line up to half a pixel shorter
// than in the PDF (enough to keep a word on a line the PDF wraps); at three times the size the rounding is lost in
// the line's width. The transform then shows the sheet at the box's width (or at its printed size, "Cỡ thật",
// data-paper-size="actual" on the box, when the box scrolls sideways); negative margins give back the room the
// transform frees, so the box scrolls over the page as shown.
const PAPER_ZOOM = 3;

function fitPaper(box) {
  const sheet = box.querySelector(":scope > .document");
  if (!sheet) {
    return;
  }
  sheet.style.zoom = PAPER_ZOOM;
  sheet.style.transform = "";
  sheet.style.marginRight = "";
  sheet.style.marginBottom = "";
  const laid = sheet.getBoundingClientRect();
  const style = window.getComputedStyle(box);
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const printed = laid.width / PAPER_ZOOM;
  const scale = box.dataset.paperSize === "actual" ? 1 : Math.min(1, room / printed);
  const factor = scale / PAPER_ZOOM;
  // margins of a zoomed element are zoomed too: give them in its own pixels
  sheet.style.transform = `scale(${factor})`;
  sheet.style.marginRight = `${((factor - 1) * laid.width) / PAPER_ZOOM}px`;
  sheet.style.marginBottom = `${((factor - 1) * laid.height) / PAPER_ZOOM}px`;
  box.dataset.scale = scale.toFixed(3);
}

function watchPaper(box) {
  fitPaper(box);
  new ResizeObserver(() => fitPaper(box)).observe(box);
  // htmx replaces the sheet as the author types: fit the new one
  new MutationObserver(() => fitPaper(box)).observe(box, { childList: true });
}

document.querySelectorAll(".document-preview").forEach(watchPaper);
// the page's height changes once the embedded fonts have loaded
document.fonts.ready.then(() => document.querySelectorAll(".document-preview").forEach(fitPaper));

// A button with data-paper-toggle="#box" switches that printed page between the box's width and its printed size.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-paper-toggle]") : null;
  const box = button && document.querySelector(button.dataset.paperToggle);
  if (!box) {
    return;
  }
  const actual = box.dataset.paperSize !== "actual";
  if (actual) {
    box.dataset.paperSize = "actual";
  } else {
    delete box.dataset.paperSize;
  }
  button.setAttribute("aria-pressed", String(actual));
  fitPaper(box);
});
