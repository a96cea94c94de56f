/** The newsroom's words for the newsletters screens. */
export const newsletters = {
  en: {},
  ar: {},
  fr: {},
};
