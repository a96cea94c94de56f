/** The newsroom's words for the taxonomy screens. */
export const taxonomy = {
  en: {},
  ar: {},
  fr: {},
};
