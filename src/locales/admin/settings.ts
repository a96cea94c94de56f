/** The newsroom's words for the settings screens. */
export const settings = {
  en: {},
  ar: {},
  fr: {},
};
