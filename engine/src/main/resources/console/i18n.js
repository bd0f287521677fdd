// Japanese and English: chosen from the saved choice, else navigator.languages, else English.

let texts = {};
let current = 'en';

export function pick() {
  const saved = localStorage.getItem('opsgate.lang');
  if (saved === 'ja' || saved === 'en') return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const tag = l.toLowerCase();
    if (tag === 'ja' || tag.startsWith('ja-')) return 'ja';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

export async function load(lang) {
  const r = await fetch(`/console/assets/i18n-${lang}.json`, {credentials: 'same-origin'});
  texts = await r.json();
  current = lang;
  document.documentElement.lang = lang;
}

export function save(lang) {
  localStorage.setItem('opsgate.lang', lang);
}

export function lang() {
  return current;
}

/** The text of {@code key}, with {name} placeholders filled from {@code vars}. */
export function t(key, vars) {
  const s = texts[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}
