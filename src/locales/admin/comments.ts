/** The newsroom's words for the comments screens. */
export const comments = {
  en: {},
  ar: {},
  fr: {},
};
