/** The newsroom's words for the media screens. */
export const media = {
  en: {},
  ar: {},
  fr: {},
};
