/** Languages written right to left (their primary subtags). */
const RIGHT_TO_LEFT = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'he',
  'ks',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
]);

/**
 * The writing direction of a BCP 47 language tag; `auto` when the language is not known yet
 * (the browser then follows the first strong character).
 *
 * @example
 * directionOf('ar-EG') // 'rtl'
 * directionOf('fr') // 'ltr'
 */
export function directionOf(language: string): 'ltr' | 'rtl' | 'auto' {
  const primary = language.trim().toLowerCase().split('-')[0] ?? '';
  if (!primary) return 'auto';
  return RIGHT_TO_LEFT.has(primary) ? 'rtl' : 'ltr';
}
