/** The newsroom's words for the articles screens. */
export const articles = {
  en: {},
  ar: {},
  fr: {},
};
