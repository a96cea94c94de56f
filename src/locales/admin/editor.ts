/** The newsroom's words for the editor screens. */
export const editor = {
  en: {},
  ar: {},
  fr: {},
};
