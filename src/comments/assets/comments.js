// Progressive enhancement of the comment form (views/comment-form.tsx); without it the form posts to
// POST /comments and works the same. With it: each field checked on blur and on submit, the comment
// sent to POST /api/comments without a reload, the draft kept in localStorage until the comment is
// accepted, and Reply links that move the form under the comment. Every word it shows comes from the
// form's data-msg-* attributes (the i18n catalogue, in the page's language). Runs under the site's
// CSP (script-src 'self'): no inline script, no eval, no dependency.
{
  const form = document.querySelector('form.comment-form[data-article-id]');
  const section = form?.closest('#comments');
  if (form instanceof HTMLFormElement && section) enhance(form, section);
}

/** @param {HTMLFormElement} form @param {Element} section */
function enhance(form, section) {
  const FIELDS = ['body', 'name', 'email', 'url'];
  const DRAFT_FIELDS = [...FIELDS, 'notify_replies', 'parent_id'];
  const draftKey = `masthead:comment-draft:${form.dataset.articleId}`;
  const control = (name) => form.elements.namedItem(name);
  const status = form.querySelector('.comment-status');
  const heading = form.querySelector('#respond-heading');
  const formHeading = heading?.textContent ?? '';
  const home = form.querySelector('.comment-submit');
  // Where the form goes back to when a reply is cancelled or sent.
  const anchor = document.createComment('comment form');
  form.before(anchor);
  const touched = new Set();
  let isBusy = false;
  let cancelButton = null;
  let replyLink = null;

  /** A catalogue message carried by the form: `msg('sending')` reads data-msg-sending. */
  const msg = (key) => form.dataset[`msg${key.replace(/(?:^|[-_])([a-z])/g, (_, c) => c.toUpperCase())}`];
  const messageFor = (error) => msg(error.code.toLowerCase()) ?? error.message ?? error.code;
  const say = (text) => {
    if (status) status.textContent = text ?? '';
  };

  // The same rules as comment-input.ts, so the reader sees the server's words before posting.
  // https://html.spec.whatwg.org/#valid-e-mail-address, plus a dot in the domain as the server asks.
  const EMAIL =
    /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
  const isWebAddress = (value) => {
    if (value.length > 500) return false;
    try {
      const { protocol, hostname } = new URL(value);
      return (protocol === 'https:' || protocol === 'http:') && hostname.includes('.');
    } catch {
      return false;
    }
  };
  const tooLong = (input, value) => input.maxLength > 0 && [...value].length > input.maxLength;
  const rules = {
    body: (input, value) =>
      !value ? 'COMMENT_BODY_REQUIRED' : tooLong(input, value) ? 'COMMENT_BODY_TOO_LONG' : null,
    name: (input, value) =>
      !value ? 'COMMENT_NAME_REQUIRED' : tooLong(input, value) ? 'COMMENT_NAME_TOO_LONG' : null,
    email: (input, value) =>
      !value
        ? input.required
          ? 'COMMENT_EMAIL_REQUIRED'
          : null
        : value.length > 254 || !EMAIL.test(value)
          ? 'COMMENT_EMAIL_INVALID'
          : null,
    url: (_input, value) => (value && !isWebAddress(value) ? 'COMMENT_URL_INVALID' : null),
  };

  function showError(name, message) {
    const input = control(name);
    const span = form.querySelector(`#comment-${name}-error`);
    if (!(input instanceof HTMLElement) || !span) return;
    const ids = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (message) {
      span.textContent = message;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [span.id, ...ids].join(' '));
    } else {
      span.textContent = '';
      span.removeAttribute('role');
      input.removeAttribute('aria-invalid');
      ids.delete(span.id);
      if (ids.size > 0) input.setAttribute('aria-describedby', [...ids].join(' '));
      else input.removeAttribute('aria-describedby');
    }
  }

  /** Checks one field, shows or clears its message, and says whether it passed. */
  function check(name) {
    const input = control(name);
    if (!(input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement)) return true;
    const code = rules[name](input, input.value.trim());
    showError(name, code ? messageFor({ code }) : '');
    return !code;
  }

  const focusField = (name) => {
    const input = control(name);
    if (input instanceof HTMLElement) input.focus();
  };

  // The draft: kept on this device on every keystroke, forgotten only once the comment is accepted.
  function saveDraft() {
    const draft = {};
    for (const name of DRAFT_FIELDS) {
      const input = control(name);
      if (input instanceof HTMLInputElement && input.type === 'checkbox') draft[name] = input.checked;
      else if (input && 'value' in input) draft[name] = input.value;
    }
    try {
      localStorage.setItem(draftKey, JSON.stringify(draft));
    } catch {
      // Storage full or forbidden: the text is still in the form.
    }
  }
  function readDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(draftKey) ?? 'null');
      return draft && typeof draft === 'object' ? draft : null;
    } catch {
      return null;
    }
  }
  function forgetDraft() {
    try {
      localStorage.removeItem(draftKey);
    } catch {
      // Nothing was kept.
    }
  }
  function restoreDraft() {
    const draft = readDraft();
    if (!draft) return;
    let isRestored = false;
    for (const name of FIELDS) {
      const input = control(name);
      if (typeof draft[name] !== 'string' || !draft[name] || !input) continue;
      // The browser may have put the same text back itself (a reload): what it shows wins.
      if (!input.value) input.value = draft[name];
      isRestored = true;
    }
    const notify = control('notify_replies');
    if (notify instanceof HTMLInputElement && draft.notify_replies === true) notify.checked = true;
    const link = draft.parent_id
      ? section.querySelector(`a[data-reply-to="${CSS.escape(draft.parent_id)}"]`)
      : null;
    if (link instanceof HTMLAnchorElement) openReply(link, { isFocused: false });
    if (isRestored) say(msg('draft'));
  }

  // A signed-in reader (the cookie flag is readable; the session cookie itself is HttpOnly) gets
  // their name and address in the empty fields. The page is cached for everyone, so this asks.
  function prefillSignedInReader() {
    if (!/(?:^|;\s*)masthead_signed_in=1/.test(document.cookie)) return;
    fetch('/account/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((reader) => {
        if (!reader) return;
        for (const name of ['name', 'email']) {
          const input = control(name);
          if (input && !input.value && typeof reader[name] === 'string') input.value = reader[name];
        }
      })
      .catch(() => {
        // Not signed in after all, or offline: the reader types as usual.
      });
  }

  // Replies: the form moves under the comment, with parent_id set and a way back.
  function openReply(link, { isFocused = true } = {}) {
    const item = section.querySelector(`#comment-${CSS.escape(link.dataset.replyTo ?? '')}`);
    const body = item?.querySelector(':scope > .comment-body');
    if (!item || !body) return;
    body.after(form);
    control('parent_id').value = link.dataset.replyTo;
    const name = item.querySelector(`#comment-${CSS.escape(link.dataset.replyTo)}-author`)?.textContent ?? '';
    if (heading) heading.textContent = (msg('replyHeading') ?? formHeading).replace('{name}', name.trim());
    if (!cancelButton) {
      cancelButton = document.createElement('button');
      cancelButton.type = 'button';
      cancelButton.className = 'comment-cancel-reply';
      cancelButton.textContent = msg('cancelReply') ?? '';
      cancelButton.addEventListener('click', () => closeReply({ isFocused: true }));
      home?.querySelector('button[type="submit"]')?.after(cancelButton);
    }
    replyLink = link;
    saveDraft();
    if (isFocused) focusField('body');
  }
  function closeReply({ isFocused = false } = {}) {
    const link = replyLink;
    anchor.after(form);
    control('parent_id').value = '';
    if (heading) heading.textContent = formHeading;
    cancelButton?.remove();
    cancelButton = null;
    replyLink = null;
    saveDraft();
    if (isFocused && link?.isConnected) link.focus();
  }

  // The CAPTCHA: solved when the reader sends (or earlier, if they ticked it), never posted twice.
  const widgetOf = () => {
    const widget = form.querySelector('altcha-widget');
    return widget && typeof widget.verify === 'function' ? widget : null;
  };
  /** The widget once its script has run (a reader may send before it loaded); null without it. */
  async function readyWidget() {
    if (!form.querySelector('altcha-widget') || widgetOf()) return widgetOf();
    const defined = customElements.whenDefined('altcha-widget').then(() => new Promise(setTimeout));
    await Promise.race([defined, new Promise((resolve) => setTimeout(resolve, 5000))]);
    return widgetOf();
  }
  const settled = (widget) =>
    new Promise((resolve) => {
      const onChange = (event) => {
        if (event.detail?.state === 'verifying') return;
        widget.removeEventListener('statechange', onChange);
        resolve();
      };
      widget.addEventListener('statechange', onChange);
    });
  /** The solution to post: a fresh one unless the widget holds an unexpired one; '' when it failed. */
  async function captchaPayload(widget) {
    if (!widget) return undefined;
    if (widget.getState() === 'verifying') await settled(widget);
    if (widget.getState() === 'verified') return undefined;
    const result = await widget.verify();
    return result?.payload ?? '';
  }
  const resetCaptcha = () => widgetOf()?.reset();

  /** Posts the form as JSON; resolves to what the server decided, never throws. */
  async function post() {
    const fields = Object.fromEntries(
      [...new FormData(form)].filter(([, value]) => typeof value === 'string'),
    );
    const widget = await readyWidget();
    const payload = await captchaPayload(widget);
    if (widget && payload !== undefined) fields[widget.getAttribute('name') ?? 'altcha'] = payload;
    let response;
    try {
      response = await fetch(new URL('api/comments', new URL('.', form.action)), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(fields),
        credentials: 'same-origin',
      });
    } catch {
      return { kind: 'failed' };
    } finally {
      // Whatever happens, the solution just posted is spent or stale: the next send solves anew.
      resetCaptcha();
    }
    const json = await response.json().catch(() => null);
    const comment = json?.comments?.[0];
    if (response.status === 201 && comment) return { kind: 'accepted', comment };
    const errors = Array.isArray(json?.errors)
      ? json.errors.filter((e) => e && typeof e.code === 'string')
      : [];
    const captchaField = widget?.getAttribute('name') ?? 'altcha';
    if (errors.length > 0 && errors.every((e) => e.field === captchaField))
      return { kind: 'captcha', errors };
    return errors.length > 0 ? { kind: 'refused', errors } : { kind: 'failed' };
  }

  function showRefusal(errors) {
    const onFields = errors.filter((error) => FIELDS.includes(error.field));
    for (const error of onFields) showError(error.field, messageFor(error));
    const general = errors.filter((error) => !FIELDS.includes(error.field));
    say(general.map(messageFor).join(' '));
    const first = FIELDS.find((name) => onFields.some((error) => error.field === name));
    if (first) focusField(first);
  }

  function accepted(comment) {
    const isApproved = comment.status === 'approved';
    if (replyLink) closeReply();
    control('body').value = '';
    forgetDraft();
    touched.clear();
    say(isApproved ? msg('published') : msg('pending'));
    const item = commentItem(comment, isApproved ? null : msg('pending'));
    const parent = comment.parent_id
      ? section.querySelector(`#comment-${CSS.escape(comment.parent_id)}`)
      : null;
    let list = parent
      ? parent.querySelector(':scope > .comment-replies')
      : section.querySelector('.comment-list');
    if (!list) {
      list = document.createElement('ol');
      list.className = parent ? 'comment-replies' : 'comment-list';
      if (parent) parent.append(list);
      else (section.querySelector('.comments-empty') ?? anchor).before(list);
      section.querySelector('.comments-empty')?.remove();
    }
    list.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('input', (event) => {
    const name = event.target?.name;
    if (FIELDS.includes(name)) {
      touched.add(name);
      if (event.target.getAttribute('aria-invalid') === 'true') check(name);
    }
    saveDraft();
  });
  form.addEventListener('change', saveDraft);
  form.addEventListener('focusout', (event) => {
    const name = event.target?.name;
    if (FIELDS.includes(name) && touched.has(name)) check(name);
  });
  section.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-reply-to]') : null;
    if (!link) return;
    event.preventDefault();
    openReply(link);
  });

  // Capture on the section runs before the widget's own submit handler on the form, which this
  // replaces: the form is checked first, then the CAPTCHA solved, then the comment posted.
  section.addEventListener(
    'submit',
    async (event) => {
      // Another script (reCAPTCHA v3's token) may be holding this submit back: let it finish.
      if (event.target !== form || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      if (isBusy) return;
      try {
        const failing = FIELDS.filter((name) => !check(name));
        if (failing.length > 0) {
          say('');
          focusField(failing[0]);
          return;
        }
        isBusy = true;
        // Not aria-busy: that would hold back what the status region says until the end.
        form.classList.add('is-sending');
        say(msg('sending'));
        let outcome = await post();
        // A solution that expired on its way is renewed and sent once more, without the reader.
        if (outcome.kind === 'captcha') outcome = await post();
        if (outcome.kind === 'accepted') {
          try {
            accepted(outcome.comment);
          } catch {
            // Drawing the new comment failed; it is saved and shows on the next visit.
          }
        } else if (outcome.kind === 'failed') say(msg('network'));
        else showRefusal(outcome.errors);
      } catch {
        say(msg('network'));
      } finally {
        isBusy = false;
        form.classList.remove('is-sending');
      }
    },
    true,
  );

  restoreDraft();
  prefillSignedInReader();
  refreshFormTime(form);
}

/**
 * The page may come from a cache: ask for this reader's own signed render time, so the minimum
 * time between reading and sending counts from now. On failure the page's time stays.
 */
async function refreshFormTime(form) {
  const field = form.elements.namedItem('form_time');
  if (!field) return;
  try {
    const response = await fetch(new URL('api/comments/form-time', new URL('.', form.action)), {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.ok) field.value = (await response.json()).form_time ?? field.value;
  } catch {
    // Offline: the cached page's time is older, which only ever lets the comment through sooner.
  }
}

// A comment as views/comment-item.tsx draws it, for the one the reader just sent.
function commentItem(comment, note) {
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };
  const item = el('li', `comment depth-${Number(comment.depth) || 0}${note ? ' is-pending' : ''}`);
  item.id = `comment-${comment.id}`;
  const body = el('article', 'comment-body');
  body.setAttribute('aria-labelledby', `comment-${comment.id}-author`);
  const meta = el('header', 'comment-meta');
  const name = String(comment.author_name ?? '');
  const avatar = el('span', `comment-avatar tone-${avatarToneOf(name)}`, initialsOf(name));
  avatar.setAttribute('aria-hidden', 'true');
  const author = el('span', 'comment-author');
  author.id = `comment-${comment.id}-author`;
  if (/^https?:\/\//i.test(comment.author_url ?? '')) {
    const link = el('a', '', name);
    link.href = comment.author_url;
    link.rel = 'nofollow ugc noopener';
    author.append(link);
  } else author.textContent = name;
  const permalink = el('a', 'comment-time');
  permalink.href = `#comment-${comment.id}`;
  const time = el('time');
  time.dateTime = comment.created_at;
  time.textContent = dateTimeOf(new Date(comment.created_at));
  permalink.append(time);
  meta.append(avatar, author, permalink);
  body.append(meta);
  if (note) body.append(el('p', 'comment-note', note));
  const text = el('div', 'comment-text');
  // Rendered by the server with markdown-it (html: false), exactly as the article page shows it.
  text.innerHTML = comment.body_html ?? '';
  body.append(text);
  item.append(body);
  return item;
}

/** As site/views/format.ts writes it, in the page's language (and the reader's time zone). */
function dateTimeOf(date) {
  const options = { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, options).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

// The avatar of comment-text.ts (initialsOf, avatarToneOf), so a new comment looks as it will on reload.
function initialsOf(name) {
  const letters = name
    .split(' ')
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => [...word].find((c) => /\p{L}/u.test(c)) ?? '');
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters.slice(0, 1);
  return picked.join('').toLocaleUpperCase() || '?';
}
function avatarToneOf(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 8;
}
