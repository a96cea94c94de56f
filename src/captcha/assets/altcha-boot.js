// Appended to altcha's `external` bundle and served with it as one ES module from
// /assets/captcha/altcha.js. The `external` build injects no <style> and starts no blob: worker,
// so it runs under the site's CSP (script-src 'self'); in exchange it needs its proof-of-work
// worker and its stylesheet named here, both served from this same folder and version.
{
  const sameVersion = (file) => {
    const url = new URL(file, import.meta.url);
    url.search = new URL(import.meta.url).search;
    return url.href;
  };
  const workerUrl = sameVersion('sha-worker.js');
  for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
    globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }

  const styleUrl = sameVersion('altcha.css');
  if (![...document.styleSheets].some((sheet) => sheet.href === styleUrl)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = styleUrl;
    document.head.append(link);
  }

  // A reader may take longer to write than a challenge lives. When it expires, forget the old
  // solution so the form never posts it: a widget that verifies on submit solves a fresh challenge
  // then; any other solves one now. The reader's text is never touched.
  document.addEventListener(
    'expired',
    (event) => {
      const widget = event.target;
      if (!(widget instanceof HTMLElement) || widget.localName !== 'altcha-widget') return;
      const isRenewedOnSubmit = widget.getConfiguration().auto === 'onsubmit';
      widget.reset();
      if (!isRenewedOnSubmit) widget.verify();
    },
    // The widget's events do not bubble; the capture phase still passes through the document.
    true,
  );
}
