// Tickets, ITSM records: the list (state and category filters), a request opened by hand, and one ticket with its
// conversation (comments), timeline, delivery log and the changes a role allows.
import {api, can, me} from './api.js';
import {h, show, time, labels, badge} from './dom.js';
import {t} from './i18n.js';
import {flash} from './app.js';

const STATES = ['open', 'acknowledged', 'resolved', 'closed'];
const CATEGORIES = ['incident', 'service_request', 'problem', 'change'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];

export async function ticketsView(params) {
  const state = params.get('state') ?? 'open,acknowledged';
  const category = params.get('category') ?? '';
  const q = new URLSearchParams({limit: '200'});
  if (state) q.set('state', state);
  if (category) q.set('category', category);
  const page = await api('GET', `/api/v1/tickets?${q}`);
  const go = (st, cat) => { location.hash = `#/tickets?state=${st}&category=${cat}`; };
  const select = h('select', {id: 'ticket-state', onchange: (ev) => go(ev.target.value, category)},
    h('option', {value: 'open,acknowledged', selected: state === 'open,acknowledged'}, t('tickets.active')),
    h('option', {value: '', selected: state === ''}, t('tickets.allStates')),
    ...STATES.map(s => h('option', {value: s, selected: state === s}, t('state.' + s))));
  const categories = h('select', {id: 'ticket-category', onchange: (ev) => go(state, ev.target.value)},
    h('option', {value: '', selected: category === ''}, t('tickets.allCategories')),
    ...CATEGORIES.map(c => h('option', {value: c, selected: category === c}, t('category.' + c))));
  const rows = page.tickets.map(tk => h('tr', {class: `ticket ${tk.state}`, 'data-id': tk.id},
    h('td', {'data-label': '#'}, h('a', {href: `#/tickets/${tk.id}`, class: 'ticket-link'}, `#${tk.id}`)),
    h('td', {'data-label': t('tickets.title')}, h('a', {href: `#/tickets/${tk.id}`}, tk.title)),
    h('td', {'data-label': t('tickets.category')}, h('span', {class: 'category'}, t('category.' + (tk.category || 'incident')))),
    h('td', {'data-label': t('tickets.priority')}, badge(tk.priority, 'prio')),
    h('td', {'data-label': t('tickets.state')}, badge(t('state.' + tk.state), tk.state)),
    h('td', {'data-label': t('tickets.assignee')}, tk.assignee || '–'),
    h('td', {'data-label': t('tickets.updated')}, time(tk.updatedAt))));
  show(h('h2', {}, t('nav.tickets')), h('div', {class: 'controls'}, h('label', {}, t('tickets.state'), select),
    h('label', {}, t('tickets.category'), categories),
    h('a', {href: '#/tickets/new', id: 'new-request', class: 'button primary'}, t('tickets.newRequest'))),
    rows.length ? h('table', {class: 'list', id: 'ticket-list'}, h('thead', {}, h('tr', {},
      ['#', t('tickets.title'), t('tickets.category'), t('tickets.priority'), t('tickets.state'), t('tickets.assignee'), t('tickets.updated')]
        .map(x => h('th', {}, x)))), h('tbody', {}, rows))
      : h('p', {class: 'muted', id: 'no-tickets'}, t('tickets.none')));
}

/** A request or inquiry to the operations team, opened by hand; every role may. */
export async function newTicketView() {
  const submit = async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    try {
      const tk = await api('POST', '/api/v1/tickets', {title: f.get('title'), description: f.get('description'),
        category: f.get('category'), priority: f.get('priority')});
      flash(t('tickets.requestOpened', {id: tk.id}));
      location.hash = `#/tickets/${tk.id}`;
    } catch (e) {
      flash(`${t('error')}: ${e.message}`, 'bad');
    }
  };
  show(h('p', {}, h('a', {href: '#/tickets'}, '← ', t('nav.tickets'))), h('h2', {}, t('tickets.newRequest')),
    h('p', {class: 'muted'}, t('tickets.requestHelp')),
    h('form', {class: 'stack', id: 'request-form', onsubmit: submit},
      h('label', {}, t('tickets.category'), h('select', {name: 'category', id: 'request-category'},
        ...CATEGORIES.map(c => h('option', {value: c, selected: c === 'service_request'}, t('category.' + c))))),
      h('label', {}, t('tickets.title'), h('input', {name: 'title', id: 'request-title', required: true, maxlength: 200})),
      h('label', {}, t('tickets.description'), h('textarea', {name: 'description', id: 'request-description', rows: 6,
        maxlength: 10000})),
      h('label', {}, t('tickets.priority'), h('select', {name: 'priority', id: 'request-priority'},
        ...PRIORITIES.map(p => h('option', {value: p, selected: p === 'P3'}, p)))),
      h('div', {}, h('button', {type: 'submit', id: 'request-submit', class: 'primary'}, t('tickets.send')))));
}

/** The assignee choices: the tenant's people, and whoever the ticket names now. */
async function people(current) {
  let list = [];
  try {
    list = (await api('GET', '/api/v1/people')).people;
  } catch (e) {
    list = [];
  }
  const names = list.map(p => p.name);
  if (current && !names.includes(current)) list = [{name: current, roles: []}, ...list];
  if (!names.includes(me().principal) && current !== me().principal) list = [...list, {name: me().principal, roles: me().roles}];
  return list;
}

export async function ticketView(id) {
  const tk = await api('GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
  const mayChange = can('Admin', 'Tickets');
  // The requester of a request answers in its conversation whatever their role.
  const mayComment = mayChange || (tk.source === 'person' && tk.openedBy === me().principal);
  const assignees = mayChange && tk.state !== 'closed' ? await people(tk.assignee) : [];
  const change = async (path, body, done) => {
    try {
      await api('POST', `/api/v1/tickets/${encodeURIComponent(id)}/${path}`, body);
      flash(t(done));
    } catch (e) {
      flash(`${t('error')}: ${e.message}`, 'bad');
    }
    await ticketView(id);
  };
  const actions = mayChange ? h('div', {class: 'actions', id: 'ticket-actions'},
    tk.state === 'open' ? h('button', {id: 'ack', class: 'primary', onclick: () => change('ack', undefined, 'tickets.acked')}, t('tickets.ack')) : null,
    ['open', 'acknowledged'].includes(tk.state) ? h('button', {id: 'resolve', onclick: () => change('resolve', undefined, 'tickets.resolved')}, t('tickets.resolve')) : null,
    tk.state === 'resolved' ? h('button', {id: 'close', onclick: () => change('close', undefined, 'tickets.closed')}, t('tickets.close')) : null,
    tk.state !== 'closed' ? h('form', {class: 'inline', id: 'assign-form', onsubmit: (ev) => {
      ev.preventDefault();
      change('assign', {assignee: new FormData(ev.target).get('assignee')}, 'tickets.assigned');
    }}, h('select', {name: 'assignee', id: 'assignee', required: true, 'aria-label': t('tickets.assignee')},
      ...assignees.map(p => h('option', {value: p.name, selected: p.name === (tk.assignee || me().principal)},
        p.roles && p.roles.length ? `${p.name} (${p.roles.map(r => t('role.' + r)).join(', ')})` : p.name))),
      h('button', {type: 'submit', id: 'assign'}, t('tickets.assign'))) : null) : null;
  const commentForm = mayComment ? h('form', {id: 'comment-form', onsubmit: (ev) => {
    ev.preventDefault();
    change('comments', {text: new FormData(ev.target).get('text')}, 'tickets.commented');
  }}, h('textarea', {name: 'text', id: 'comment-text', required: true, rows: 3, maxlength: 10000, 'aria-label': t('tickets.comment')}),
    h('button', {type: 'submit', id: 'comment', class: 'primary'}, t('tickets.addComment'))) : null;

  show(
    h('p', {}, h('a', {href: '#/tickets'}, '← ', t('nav.tickets'))),
    h('h2', {id: 'ticket-title'}, `#${tk.id} ${tk.title}`),
    h('div', {class: 'row'}, h('span', {id: 'ticket-state', 'data-state': tk.state, class: `badge ${tk.state}`}, t('state.' + tk.state)),
      badge(tk.priority, 'prio'), tk.severity ? badge(tk.severity, 'sev') : null, tk.flapping ? badge(t('tickets.flapping'), 'warn') : null,
      h('span', {class: 'muted'}, t('tickets.assignee'), ': ', h('b', {id: 'ticket-assignee'}, tk.assignee || '–'))),
    h('dl', {class: 'facts'},
      h('dt', {}, t('tickets.category')), h('dd', {id: 'ticket-category'}, t('category.' + (tk.category || 'incident'))),
      tk.openedBy ? [h('dt', {}, t('tickets.openedBy')), h('dd', {id: 'ticket-opened-by'}, tk.openedBy)] : null,
      h('dt', {}, t('tickets.opened')), h('dd', {}, time(tk.openedAt)),
      h('dt', {}, t('tickets.updated')), h('dd', {}, time(tk.updatedAt)),
      tk.source === 'person' ? null : [h('dt', {}, t('tickets.rule')), h('dd', {}, tk.rule || '–'),
        h('dt', {}, t('tickets.group')), h('dd', {}, labels(tk.groupLabels))]),
    tk.description ? h('div', {class: 'comment description', id: 'ticket-description'}, h('div', {class: 'text'}, tk.description)) : null,
    actions,
    tk.source === 'person' ? null : [h('h3', {}, t('tickets.alerts')),
      h('ul', {class: 'plain'}, (tk.alerts || []).map(a => h('li', {}, badge(t('state.' + a.status), a.status), ' ',
        h('code', {class: 'chip'}, a.fingerprint), ' ', h('span', {class: 'muted'}, `×${a.count}`), ' ', time(a.lastSeen))))],
    h('h3', {}, t(tk.source === 'person' ? 'tickets.conversation' : 'tickets.comments')),
    h('ul', {class: 'plain', id: 'comments'}, (tk.comments || []).map(c => h('li', {class: 'comment'},
      h('b', {}, c.author), ' ', time(c.at), h('div', {class: 'text'}, c.text)))),
    commentForm,
    h('h3', {}, t('tickets.timeline')),
    h('ol', {class: 'timeline', id: 'timeline'}, (tk.timeline || []).map(e => h('li', {},
      time(e.at), ' ', h('b', {}, e.actor), ' ', h('span', {class: 'action'}, e.action), e.detail ? ` — ${e.detail}` : ''))),
    h('h3', {}, t('tickets.deliveries')),
    (tk.deliveries || []).length ? h('table', {class: 'list', id: 'deliveries'}, h('tbody', {}, tk.deliveries.map(d => h('tr', {},
      h('td', {'data-label': t('time')}, time(d.at)), h('td', {'data-label': t('tickets.channel')}, d.channel),
      h('td', {'data-label': t('tickets.result')}, badge(d.result, d.result)),
      h('td', {'data-label': t('tickets.attempt')}, String(d.attempt)), h('td', {'data-label': ''}, d.error || '')))))
      : h('p', {class: 'muted'}, t('tickets.noDeliveries')));
}
