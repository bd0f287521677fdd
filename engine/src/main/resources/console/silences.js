// Silences: the list with what each matches now, expiring one, and creating one (from an alert or by hand).
import {api, can, me} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';
import {parseMatchers, formatMatchers} from './matchers.js';
import {flash} from './app.js';

export async function silencesView() {
  const silences = await api('GET', '/api/v2/silences');
  const order = {active: 0, pending: 1, expired: 2};
  silences.sort((a, b) => (order[a.status.state] - order[b.status.state]) || b.endsAt.localeCompare(a.endsAt));
  const items = await Promise.all(silences.map(async s => {
    let matching = null;
    if (s.status.state !== 'expired') {
      const q = new URLSearchParams({filter: formatMatchers(s.matchers), silenced: 'true', inhibited: 'true', active: 'true'});
      matching = await api('GET', `/api/v2/alerts?${q}`);
    }
    return h('li', {class: `silence ${s.status.state}`, 'data-id': s.id},
      h('div', {class: 'row'}, badge(t('state.' + s.status.state), s.status.state),
        h('code', {class: 'matchers'}, formatMatchers(s.matchers)),
        can('Admin') && s.status.state !== 'expired'
          ? h('button', {class: 'small expire', onclick: () => expire(s.id)}, t('silences.expire')) : null),
      h('div', {class: 'muted'}, t('silences.by', {who: s.createdBy}), ' · ', time(s.startsAt), ' → ', time(s.endsAt)),
      h('div', {}, s.comment),
      matching === null ? null : h('div', {class: 'matches'}, t('silences.matches', {n: matching.length}), ' ',
        matching.slice(0, 10).map(a => h('span', {class: 'chip'}, a.labels.alertname || a.fingerprint))));
  }));
  show(h('h2', {}, t('nav.silences')),
    can('Admin') ? h('p', {}, h('a', {class: 'button primary', id: 'new-silence', href: '#/silences/new'}, t('silences.new'))) : null,
    items.length ? h('ul', {class: 'silences', id: 'silence-list'}, items) : h('p', {class: 'muted'}, t('silences.none')));
}

async function expire(id) {
  try {
    await api('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
    flash(t('silences.expired'));
  } catch (e) {
    flash(`${t('error')}: ${e.message}`, 'bad');
  }
  await silencesView();
}

export async function newSilenceView(params) {
  const preview = h('div', {id: 'silence-preview', class: 'muted'});
  const matchersInput = h('input', {name: 'matchers', id: 'silence-matchers', required: true, value: params.get('matchers') || '',
    placeholder: '{alertname="DiskFull", instance="web-1"}', spellcheck: 'false', autocapitalize: 'off'});
  const check = async () => {
    try {
      const m = parseMatchers(matchersInput.value);
      const alerts = await api('GET', `/api/v2/alerts?${new URLSearchParams({filter: formatMatchers(m)})}`);
      preview.replaceChildren(t('silences.wouldMatch', {n: alerts.length}), ' ',
        ...alerts.slice(0, 20).map(a => h('span', {class: 'chip'}, a.labels.alertname || a.fingerprint)));
    } catch (e) {
      preview.textContent = e.message;
    }
  };
  matchersInput.addEventListener('change', check);
  const form = h('form', {id: 'silence-form', class: 'stack', onsubmit: async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    let matchers;
    try {
      matchers = parseMatchers(f.get('matchers'));
    } catch (e) {
      flash(e.message, 'bad');
      return;
    }
    const start = new Date();
    const end = new Date(start.getTime() + Number(f.get('hours')) * 3600_000);
    try {
      const r = await api('POST', '/api/v2/silences', {matchers, startsAt: start.toISOString(), endsAt: end.toISOString(),
        createdBy: me().principal, comment: f.get('comment')});
      flash(t('silences.created', {id: r.silenceID}));
      location.hash = '#/silences';
    } catch (e) {
      flash(`${t('error')}: ${e.message}`, 'bad');
    }
  }},
    h('label', {}, t('silences.matchers'), matchersInput),
    preview,
    h('label', {}, t('silences.duration'), h('select', {name: 'hours', id: 'silence-hours'},
      [1, 2, 4, 8, 24, 72].map(n => h('option', {value: n, selected: n === 2}, t('hours', {n}))))),
    h('label', {}, t('silences.comment'), h('textarea', {name: 'comment', id: 'silence-comment', required: true, rows: 2})),
    h('button', {type: 'submit', class: 'primary', id: 'create-silence'}, t('silences.create')));
  show(h('p', {}, h('a', {href: '#/silences'}, '← ', t('nav.silences'))), h('h2', {}, t('silences.new')), form);
  if (matchersInput.value) await check();
}
