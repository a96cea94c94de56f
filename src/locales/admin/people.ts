/** The newsroom's words for the people screens. */
export const people = {
  en: {},
  ar: {},
  fr: {},
};
