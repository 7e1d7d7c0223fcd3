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

// A printed page shown on a screen (.document-preview > .document, the PDF's own HTML and print stylesheet) keeps
// its A4 width, so its lines break as in the PDF; it is scaled down to the box's width with a transform, and its
// negative margins give back the room the transform frees, so the box scrolls over the scaled page only.
function fitPaper(box) {
  const sheet = box.querySelector(":scope > .document");
  if (!sheet) {
    return;
  }
  sheet.style.transform = "";
  sheet.style.marginRight = "";
  sheet.style.marginBottom = "";
  const style = window.getComputedStyle(box);
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const scale = Math.min(1, room / sheet.offsetWidth);
  if (scale < 1) {
    sheet.style.transform = `scale(${scale})`;
    sheet.style.marginRight = `${(scale - 1) * sheet.offsetWidth}px`;
    sheet.style.marginBottom = `${(scale - 1) * sheet.offsetHeight}px`;
  }
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
