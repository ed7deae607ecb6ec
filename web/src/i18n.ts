import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from './locales/fr.json';

export type Lang = 'en' | 'fr';
export const LANG_KEY = 'refuge.lang';

function storedLanguage(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_KEY);
    if (v === 'en' || v === 'fr') return v;
  } catch {
    // localStorage may be unavailable (private mode): fall back to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** English source strings are the keys: the English catalogue is empty and falls back to the key. */
void i18n.use(initReactI18next).init({
  resources: { en: { translation: {} }, fr: { translation: fr } },
  lng: storedLanguage(),
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

export function setLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Not remembered, but still switched.
  }
  void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'fr' ? 'fr' : 'en';
}

export default i18n;
