import { h } from 'preact';
import type { CaptchaWidget as Widget } from './captcha.ts';

/**
 * The CAPTCHA inside a form, for whichever provider is configured; it fills in the field that
 * `captchaPayloadFrom` reads. altcha verifies when the reader submits (`auto="onsubmit"`), so a
 * challenge is always fresh when it is posted, however long the reader took to write.
 *
 * @example
 * <form method="post" action={url}>
 *   <textarea name="body" />
 *   <CaptchaWidget widget={captcha.widget} />
 *   <button type="submit">{tr.t('comments.submit')}</button>
 * </form>
 */
export function CaptchaWidget({ widget }: { widget: Widget }) {
  switch (widget.provider) {
    case 'altcha':
      return (
        <>
          <link rel="stylesheet" href={widget.styleUrl} />
          <script type="module" src={widget.scriptUrl} />
          {h('altcha-widget', { challenge: widget.challengeUrl, auto: 'onsubmit', name: widget.field })}
        </>
      );
    case 'recaptcha-v3':
      return (
        <>
          <script src={widget.scriptUrl} async defer />
          <script src={widget.helperScriptUrl} defer />
          <div data-recaptcha-v3="" data-sitekey={widget.siteKey} data-action={widget.action} hidden>
            <input type="hidden" name={widget.field} value="" />
          </div>
        </>
      );
    default: {
      // https://developers.google.com/recaptcha/docs/display, https://docs.hcaptcha.com/,
      // https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/
      const className = { 'recaptcha-v2': 'g-recaptcha', hcaptcha: 'h-captcha', turnstile: 'cf-turnstile' }[
        widget.provider
      ];
      return (
        <>
          <script src={widget.scriptUrl} async defer />
          <div class={className} data-sitekey={widget.siteKey} />
        </>
      );
    }
  }
}
