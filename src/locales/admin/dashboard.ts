/** The newsroom's words for the dashboard screens. */
export const dashboard = {
  en: {},
  ar: {},
  fr: {},
};
