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
