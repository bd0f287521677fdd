// Alerts: the Alertmanager filter syntax, grouping by a label, silenced and inhibited state.
import {api, can} from './api.js';
import {h, show, time, labels, badge} from './dom.js';
import {t} from './i18n.js';
import {formatMatchers, fromLabels} from './matchers.js';

export async function alertsView(params) {
  const filter = params.get('filter') || '';
  const groupBy = params.get('group') ?? 'alertname';
  const flags = {
    active: params.get('active') !== 'false',
    silenced: params.get('silenced') !== 'false',
    inhibited: params.get('inhibited') !== 'false',
  };
  const query = new URLSearchParams();
  if (filter.trim()) query.append('filter', filter.trim());
  for (const [k, v] of Object.entries(flags)) query.set(k, String(v));
  const alerts = await api('GET', `/api/v2/alerts?${query}`);

  const form = h('form', {class: 'controls', id: 'alert-filter', onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const p = new URLSearchParams({filter: f.get('filter'), group: f.get('group')});
    for (const k of Object.keys(flags)) p.set(k, f.get(k) ? 'true' : 'false');
    location.hash = `#/alerts?${p}`;
  }},
    h('label', {class: 'grow'}, t('alerts.filter'),
      h('input', {name: 'filter', id: 'filter', value: filter, placeholder: '{severity="critical", instance=~"web-.*"}',
        spellcheck: 'false', autocapitalize: 'off'})),
    h('label', {}, t('alerts.groupBy'), h('input', {name: 'group', id: 'group-by', value: groupBy, size: 12})),
    ...Object.keys(flags).map(k => h('label', {class: 'check'},
      h('input', {type: 'checkbox', name: k, id: `show-${k}`, checked: flags[k]}), t('alerts.show.' + k))),
    h('button', {type: 'submit', class: 'primary'}, t('apply')));

  const groups = new Map();
  for (const a of alerts) {
    const key = groupBy ? (a.labels[groupBy] ?? '') : '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(a);
  }
  const sections = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) =>
    h('section', {class: 'group'},
      h('h3', {}, groupBy ? `${groupBy}=${key || '∅'}` : t('alerts.all'), ' ', h('span', {class: 'count'}, String(list.length))),
      h('ul', {class: 'alerts'}, list.map(alertItem))));
  show(h('h2', {}, t('nav.alerts'), ' ', h('span', {class: 'count', id: 'alert-count'}, String(alerts.length))), form,
    alerts.length ? sections : h('p', {class: 'muted', id: 'no-alerts'}, t('alerts.none')));
}

function alertItem(a) {
  const st = a.status || {};
  const silenced = (st.silencedBy || []).length > 0;
  const inhibited = (st.inhibitedBy || []).length > 0;
  const state = st.state === 'suppressed' ? (silenced ? 'silenced' : inhibited ? 'inhibited' : 'suppressed') : (st.state || 'active');
  const og = a.opsgate || {};
  return h('li', {class: `alert ${state}`, 'data-fingerprint': a.fingerprint},
    h('div', {class: 'row'},
      badge(t('state.' + state), state),
      h('b', {class: 'alertname'}, a.labels.alertname || a.fingerprint),
      a.labels.severity ? badge(a.labels.severity, 'sev') : null,
      h('span', {class: 'muted'}, t('alerts.since'), ' ', time(a.startsAt)),
      og.ticketId ? h('a', {href: `#/tickets/${og.ticketId}`, class: 'ticket-link'}, `#${og.ticketId}`) : null,
      can('Admin') ? h('a', {class: 'button small silence-from-alert',
        href: `#/silences/new?matchers=${encodeURIComponent(formatMatchers(fromLabels(a.labels)))}`}, t('alerts.silence')) : null),
    a.annotations && a.annotations.summary ? h('div', {class: 'summary'}, a.annotations.summary) : null,
    labels(a.labels, ['alertname']),
    silenced ? h('div', {class: 'muted'}, t('alerts.silencedBy'), ' ',
      st.silencedBy.map(id => h('a', {href: '#/silences'}, id.slice(0, 8)))) : null,
    inhibited ? h('div', {class: 'muted'}, t('alerts.inhibitedBy'), ' ', st.inhibitedBy.join(', ')) : null);
}
