const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Formatting a date with Intl costs microseconds, and a page shows a dozen dates that the next
 * page shows again (the same cards): keep the latest few thousand answers.
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 5000;

/**
 * A date as readers of the page's language expect it, in the site's timezone
 * ("25 November 2026 at 09:30" / "٢٥ نوفمبر ٢٠٢٦").
 */
export function formatDateTime(date: Date, options: { locale: string; timeZone: string }): string {
  const key = `${options.locale}|${options.timeZone}`;
  const answerKey = `${key}|${date.getTime()}`;
  const known = formatted.get(answerKey);
  if (known !== undefined) return known;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: options.timeZone,
    });
    formatters.set(key, formatter);
  }
  const text = formatter.format(date);
  if (formatted.size >= MAX_FORMATTED) formatted.delete(formatted.keys().next().value as string);
  formatted.set(answerKey, text);
  return text;
}
