// reCAPTCHA v3 has no widget to click: a token is asked for with grecaptcha.execute and lives two
// minutes, so it is fetched when the reader submits, never earlier, and dropped once posted.
// https://developers.google.com/recaptcha/docs/v3
{
  const fieldOf = (form) => form.querySelector('[data-recaptcha-v3] input[name="g-recaptcha-response"]');

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      const field = form instanceof HTMLFormElement ? fieldOf(form) : null;
      if (!field) return;
      if (field.value) {
        // This submit carries the fresh token; once the form data is taken, forget it.
        setTimeout(() => {
          field.value = '';
        });
        return;
      }
      // Without Google's script (blocked, offline) the form still goes: the server answers
      // CAPTCHA_MISSING and shows the form again with the reader's text.
      if (typeof grecaptcha === 'undefined') return;
      event.preventDefault();
      const holder = field.parentElement;
      grecaptcha.ready(() => {
        grecaptcha.execute(holder.dataset.sitekey, { action: holder.dataset.action }).then((token) => {
          field.value = token;
          form.requestSubmit(event.submitter);
        });
      });
    },
    true,
  );

  // A page restored from the back-forward cache must not post a token that was already used.
  window.addEventListener('pageshow', () => {
    for (const field of document.querySelectorAll('[data-recaptcha-v3] input[name="g-recaptcha-response"]')) {
      field.value = '';
    }
  });
}
