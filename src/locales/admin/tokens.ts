/** The newsroom's words for the tokens screens. */
export const tokens = {
  en: {},
  ar: {},
  fr: {},
};
