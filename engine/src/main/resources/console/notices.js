// The operator's notices (token, key and certificate rotations, purges, refused configuration). The engine
// does not list them yet (docs/console.md, phase 2: GET /api/v1/notices); until then this says where they go.
import {api, ApiError} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';

export async function noticesView() {
  let notices;
  try {
    notices = (await api('GET', '/api/v1/notices?limit=100')).notices;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      show(h('h2', {}, t('nav.notices')), h('p', {class: 'muted', id: 'notices-unavailable'}, t('notices.unavailable')));
      return;
    }
    throw e;
  }
  show(h('h2', {}, t('nav.notices')), notices.length ? h('ul', {class: 'plain', id: 'notices'}, notices.map(n => h('li', {},
    badge(n.severity, n.severity), ' ', h('b', {}, n.title), ' ', time(n.time), h('div', {}, n.body))))
    : h('p', {class: 'muted'}, t('notices.none')));
}
