// The operator's notices the tenant received (token, key and certificate rotations, purges, refused configuration),
// newest first, a page at a time.
import {api} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';

export async function noticesView() {
  const list = h('ul', {class: 'plain', id: 'notices'});
  const more = h('button', {type: 'button', id: 'notices-more', hidden: true}, t('notices.more'));
  let cursor = '';
  const page = async () => {
    const q = new URLSearchParams({limit: '50'});
    if (cursor) q.set('cursor', cursor);
    const answer = await api('GET', `/api/v1/notices?${q}`);
    list.append(...answer.notices.map(n => h('li', {class: 'comment notice', 'data-kind': n.kind},
      h('div', {class: 'row'}, badge(n.severity, n.severity), h('b', {}, n.title), h('span', {class: 'muted'}, n.kind), time(n.time)),
      n.body ? h('div', {class: 'text'}, n.body) : null,
      h('div', {class: 'muted'}, n.queued ? t('notices.sentTo', {channel: n.channel}) : t('notices.notSent')))));
    cursor = answer.nextCursor || '';
    more.hidden = !cursor;
  };
  more.addEventListener('click', page);
  await page();
  show(h('h2', {}, t('nav.notices')), list.childElementCount ? [list, more]
    : h('p', {class: 'muted', id: 'no-notices'}, t('notices.none')));
}
