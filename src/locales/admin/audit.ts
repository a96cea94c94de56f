/** The newsroom's words for the audit screens. */
export const audit = {
  en: {},
  ar: {},
  fr: {},
};
