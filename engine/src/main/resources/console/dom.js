// Small DOM helpers: elements are built with textContent only, never from HTML strings, so no text from an
// alert, a ticket or a log line can become markup (and the CSP forbids inline script anyway).

/** Creates an element: h('a', {href: '#/x', class: 'b'}, 'text', child, ...). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the content of the main view. */
export function show(...children) {
  const view = document.getElementById('view');
  // Parts a role does not get are null: leave them out (replaceChildren would write "null").
  view.replaceChildren(...children.flat().filter(c => c !== undefined && c !== null && c !== false));
}

/** A time as the person's locale shows it, with the UTC original as its title. */
export function time(iso) {
  if (!iso) return h('span', {class: 'muted'}, '–');
  const d = new Date(iso);
  return h('time', {datetime: iso, title: iso}, d.toLocaleString());
}

/** Label chips: name=value. */
export function labels(map, skip = []) {
  return h('span', {class: 'labels'}, Object.entries(map || {}).filter(([k]) => !skip.includes(k))
    .map(([k, v]) => h('span', {class: 'chip'}, `${k}=${v}`)));
}

/** A state badge. */
export function badge(text, kind) {
  return h('span', {class: `badge ${kind || text}`}, text);
}
