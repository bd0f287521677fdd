// The console's entry: who is signed in, the language, the navigation, and one view per section.
import {api, useSession, me} from './api.js';
import {h, show} from './dom.js';
import {pick, load, save, lang, t} from './i18n.js';
import {alertsView} from './alerts.js';
import {ticketsView, ticketView, newTicketView} from './tickets.js';
import {silencesView, newSilenceView} from './silences.js';
import {jobsView} from './jobs.js';
import {accessLogView} from './accesslog.js';
import {noticesView} from './notices.js';

const tenant = decodeURIComponent(location.pathname.split('/')[2] || '');
const sections = ['alerts', 'tickets', 'silences', 'jobs', 'access-log', 'notices'];

async function boot() {
  await load(pick());
  let session;
  try {
    session = await api('GET', `/console/${encodeURIComponent(tenant)}/session`);
  } catch (e) {
    location.assign(`/console/${encodeURIComponent(tenant)}/login?reason=expired`);
    return;
  }
  useSession(session);
  document.getElementById('lang').value = lang();
  document.getElementById('lang').addEventListener('change', async (ev) => {
    save(ev.target.value);
    await load(ev.target.value);
    chrome();
    route();
  });
  document.getElementById('sign-out').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  chrome();
  route();
}

/** The parts around the view: tenant, navigation, person and roles, sign-out. */
function chrome() {
  const s = me();
  document.title = `${t('console')} · ${s.tenant} · opsgate`;
  document.getElementById('tenant-name').textContent = s.tenant;
  document.getElementById('who').textContent = `${s.principal} (${s.roles.map(r => t('role.' + r)).join(', ')})`;
  document.getElementById('sign-out').textContent = t('signOut');
  const current = (location.hash.slice(2) || 'alerts').split(/[/?]/)[0];
  document.getElementById('nav').replaceChildren(...sections.map(name =>
    h('a', {href: `#/${name}`, id: `nav-${name}`, class: name === current ? 'active' : null}, t('nav.' + name))));
}

async function signOut() {
  const s = me();
  try {
    await api('POST', `/console/${encodeURIComponent(s.tenant)}/logout`);
  } finally {
    location.assign(`/console/${encodeURIComponent(s.tenant)}/login?reason=signed-out`);
  }
}

/** Shows a short message above the view. */
export function flash(text, kind = 'ok') {
  const el = document.getElementById('flash');
  el.textContent = text;
  el.className = `flash ${kind}`;
  el.hidden = false;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

async function route() {
  chrome();
  const hash = location.hash.slice(2) || 'alerts';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/');
  try {
    if (parts[0] === 'tickets' && parts[1] === 'new') await newTicketView();
    else if (parts[0] === 'tickets' && parts[1]) await ticketView(parts[1]);
    else if (parts[0] === 'tickets') await ticketsView(params);
    else if (parts[0] === 'silences' && parts[1] === 'new') await newSilenceView(params);
    else if (parts[0] === 'silences') await silencesView();
    else if (parts[0] === 'jobs') await jobsView();
    else if (parts[0] === 'access-log') await accessLogView(params);
    else if (parts[0] === 'notices') await noticesView();
    else await alertsView(params);
  } catch (e) {
    show(h('p', {class: 'error', id: 'view-error'}, `${t('error')}: ${e.message}`));
  }
}

boot();
