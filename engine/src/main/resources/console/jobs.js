// Job runs: each OpsJobRun with the steps of its job net, their phase, exit code and the output they recorded.
import {api} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';

export async function jobsView() {
  const runs = await api('GET', '/api/v1/jobruns?limit=100');
  show(h('h2', {}, t('nav.jobs')),
    runs.length ? h('ul', {class: 'runs', id: 'job-runs'}, runs.map(r => h('li', {class: `run ${r.phase}`},
      h('div', {class: 'row'}, badge(r.phase || 'Pending', (r.phase || 'pending').toLowerCase()), h('b', {}, r.opsJob),
        h('span', {class: 'muted'}, r.name), h('span', {class: 'muted'}, t('jobs.reason'), ': ', r.reason || '–'),
        r.alert && r.alert.ticketId ? h('a', {href: `#/tickets/${r.alert.ticketId}`}, `#${r.alert.ticketId}`) : null,
        time(r.requestedAt || r.startedAt)),
      r.message ? h('div', {class: 'muted'}, r.message) : null,
      h('ol', {class: 'steps'}, (r.steps || []).map(s => h('li', {class: `step ${(s.phase || '').toLowerCase()}`},
        badge(s.phase || 'Pending', (s.phase || 'pending').toLowerCase()), ' ', h('b', {}, s.opsJob),
        s.exitCode !== undefined ? h('span', {class: 'muted'}, ` exit ${s.exitCode}`) : null,
        s.message ? ` — ${s.message}` : '',
        s.logTail ? h('details', {}, h('summary', {}, t('jobs.output')), h('pre', {}, s.logTail)) : null))))))
      : h('p', {class: 'muted', id: 'no-runs'}, t('jobs.none')));
}
