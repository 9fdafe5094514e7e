export { englishLocale, loadLocale, localesDir } from './load-locale.js';
export type { Locale, MessageValues } from './load-locale.js';
