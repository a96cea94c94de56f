/** The newsroom's words for the subscribers screens. */
export const subscribers = {
  en: {},
  ar: {},
  fr: {},
};
