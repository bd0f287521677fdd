// The tenant's access log: every call, sign-in and change, with the person or token behind it.
import {api} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';

export async function accessLogView(params) {
  const hours = Number(params.get('hours') || 24);
  const since = new Date(Date.now() - hours * 3600_000).toISOString();
  const who = params.get('principal') || '';
  const r = await api('GET', `/api/v1/access-log?${new URLSearchParams({since, limit: '1000'})}`);
  const entries = r.entries.filter(e => !who || e.principal === who).reverse();
  const form = h('form', {class: 'controls', onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    location.hash = `#/access-log?${new URLSearchParams({hours: f.get('hours'), principal: f.get('principal')})}`;
  }}, h('label', {}, t('log.principal'), h('input', {name: 'principal', value: who, size: 14})),
    h('label', {}, t('log.hours'), h('select', {name: 'hours'}, [1, 24, 168].map(n => h('option', {value: n, selected: n === hours}, t('hours', {n}))))),
    h('button', {type: 'submit'}, t('apply')));
  show(h('h2', {}, t('nav.access-log')), form,
    h('table', {class: 'list', id: 'access-log'}, h('thead', {}, h('tr', {}, [t('time'), t('log.principal'), t('log.source'),
      t('log.request'), t('log.status')].map(x => h('th', {}, x)))),
      h('tbody', {}, entries.map(e => h('tr', {class: e.status >= 400 ? 'refused' : null},
        h('td', {'data-label': t('time')}, time(e.time)),
        h('td', {'data-label': t('log.principal'), class: 'principal'}, e.principal, e.authMethod ? ' ' : '', e.authMethod ? badge(e.authMethod, 'auth') : null),
        h('td', {'data-label': t('log.source')}, e.sourceIp || '–'),
        h('td', {'data-label': t('log.request')}, e.action ? `${e.action}${e.detail ? ' — ' + e.detail : ''}` : `${e.method} ${e.path}`),
        h('td', {'data-label': t('log.status')}, e.status === undefined ? '' : String(e.status)))))));
}
