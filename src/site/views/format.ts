const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as readers of the page's language expect it, in the site's timezone
 * ("25 November 2026 at 09:30" / "٢٥ نوفمبر ٢٠٢٦").
 */
export function formatDateTime(date: Date, options: { locale: string; timeZone: string }): string {
  const key = `${options.locale}|${options.timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: options.timeZone,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}
