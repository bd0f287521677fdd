// Job runs: each OpsJobRun with the steps of its job net, their phase, exit code and the output they recorded; and
// the OpsJobs the tenant lets people start by hand (spec.manual), with a reason, for operators and owners.
import {api, can} from './api.js';
import {h, show, time, badge} from './dom.js';
import {t} from './i18n.js';
import {flash} from './app.js';

const FINISHED = ['Succeeded', 'Failed', 'Refused', 'Skipped'];

export async function jobsView() {
  const [runs, jobs] = await Promise.all([api('GET', '/api/v1/jobruns?limit=100'), api('GET', '/api/v1/opsjobs')]);
  const list = h('div', {id: 'runs-box'});
  const manual = jobs.opsJobs.filter(j => j.manual);
  const start = async (ev, job) => {
    ev.preventDefault();
    try {
      const r = await api('POST', `/api/v1/jobs/${encodeURIComponent(job)}/runs`, {reason: new FormData(ev.target).get('reason')});
      flash(t('jobs.started', {name: r.name}));
      ev.target.reset();
    } catch (e) {
      flash(`${t('error')}: ${e.message}`, 'bad');
    }
    await refresh(list);
  };
  const byHand = can('Admin', 'Tickets') && manual.length ? [h('h3', {}, t('jobs.byHand')),
    h('ul', {class: 'runs', id: 'manual-jobs'}, manual.map(j => h('li', {class: 'manual-job', 'data-job': j.name},
      h('form', {class: 'inline', id: `run-form-${j.name}`, onsubmit: (ev) => start(ev, j.name)},
        h('b', {}, j.name),
        j.guardrails ? h('span', {class: 'muted'}, t('jobs.guardrails', {cooldown: j.guardrails.cooldown, max: j.guardrails.maxRunsPerHour})) : null,
        h('input', {name: 'reason', id: `run-reason-${j.name}`, required: true, maxlength: 1000, placeholder: t('jobs.why'),
          'aria-label': t('jobs.why')}),
        h('button', {type: 'submit', id: `run-${j.name}`, class: 'primary'}, t('jobs.run'))))))] : [];
  show(h('h2', {}, t('nav.jobs')), ...byHand, h('h3', {}, t('jobs.runs')), list);
  renderRuns(list, runs);
}

/** Reads the runs again into {@code box}; while one is unfinished, again in two seconds (only the list, never a form). */
async function refresh(box) {
  if (!box.isConnected) return;
  renderRuns(box, await api('GET', '/api/v1/jobruns?limit=100'));
}

function renderRuns(box, runs) {
  clearTimeout(renderRuns.timer);
  if (runs.some(r => !FINISHED.includes(r.phase))) renderRuns.timer = setTimeout(() => refresh(box), 2000);
  box.replaceChildren(runs.length ? h('ul', {class: 'runs', id: 'job-runs'}, runs.map(r => h('li', {class: `run ${r.phase}`, 'data-run': r.name},
      h('div', {class: 'row'}, badge(r.phase || 'Pending', (r.phase || 'pending').toLowerCase()), h('b', {}, r.opsJob),
        h('span', {class: 'muted'}, r.name), h('span', {class: 'muted'}, t('jobs.reason'), ': ', r.reason || '–'),
        r.requestedBy ? h('span', {class: 'muted requested-by'}, t('jobs.by', {who: r.requestedBy})) : null,
        r.alert && r.alert.ticketId ? h('a', {href: `#/tickets/${r.alert.ticketId}`}, `#${r.alert.ticketId}`) : null,
        time(r.requestedAt || r.startedAt)),
      r.note ? h('div', {class: 'note'}, r.note) : null,
      r.message ? h('div', {class: 'muted'}, r.message) : null,
      h('ol', {class: 'steps'}, (r.steps || []).map(s => h('li', {class: `step ${(s.phase || '').toLowerCase()}`},
        badge(s.phase || 'Pending', (s.phase || 'pending').toLowerCase()), ' ', h('b', {}, s.opsJob),
        s.exitCode !== undefined ? h('span', {class: 'muted'}, ` exit ${s.exitCode}`) : null,
        s.message ? ` — ${s.message}` : '',
        s.logTail ? h('details', {}, h('summary', {}, t('jobs.output')), h('pre', {}, s.logTail)) : null))))))
      : h('p', {class: 'muted', id: 'no-runs'}, t('jobs.none')));
}
