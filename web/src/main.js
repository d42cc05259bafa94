// The citizen portal: header, banners, routes. Pages live in pages/; the form renderer in form/.

import { h, clear, add } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { route, current, match, go } from './router.js';
import { session, on, boot, signOut, signedIn } from './session.js';
import { renderCatalog } from './pages/catalog.js';
import { renderGuide } from './pages/guide.js';
import { renderSignIn } from './pages/signin.js';
import { renderApply, renderDraft } from './pages/form.js';
import { renderDrafts } from './pages/drafts.js';
import { renderCases, renderCase } from './pages/cases.js';
import { renderConsult } from './pages/consult.js';
import { renderAppointments } from './pages/appointments.js';
import { keepDownloads } from './offline.js';

route('/', (main, p, q) => renderCatalog(main, { audience: 'citizen' }, q));
route('/catalog/:audience', (main, p, q) => renderCatalog(main, p, q));
route('/item/:id', renderGuide);
route('/signin', renderSignIn);
route('/apply/:itemId', renderApply);
route('/draft/:id', renderDraft);
route('/drafts', renderDrafts);
route('/cases', renderCases);
route('/case/:outboxId', renderCase);
route('/consult', renderConsult);
route('/appointments', renderAppointments);

const main = document.getElementById('main');
let cleanup = null;
let firstRender = true;
let renderSeq = 0;

// What the person last entered on the page shown (performance.now()), and when that page was shown.
let lastInput = 0;
let shownAt = 0;
for (const type of ['input', 'change']) document.addEventListener(type, (e) => { if (main.contains(e.target)) lastInput = performance.now(); }, true);

function runCleanup() {
  if (typeof cleanup === 'function') {
    try {
      cleanup();
    } catch (e) {
      console.error(e);
    }
  }
  cleanup = null;
}

// `background`: a redraw the page asked for because something changed (not the person): it neither starts once the
// person has entered something on the page shown, nor replaces the page if they did while it was drawn (it would
// wipe a rating or a supplement between their last key and their click on send).
async function render({ background = false } = {}) {
  if (background && lastInput > shownAt) return;
  const startedAt = performance.now();
  const seq = ++renderSeq;
  if (!background) runCleanup();  // a background redraw keeps the page shown working until it replaces it
  const keep = main.contains(document.activeElement) && document.activeElement.id ? document.activeElement.id : null;
  const { path, query } = current();
  const m = match(path);
  main.setAttribute('aria-busy', 'true');
  renderHeader();
  // A page is drawn into a detached box and shown only if no newer navigation came meanwhile.
  const box = document.createElement('div');
  box.className = 'page';
  try {
    if (!m) {
      add(box, h('h1', {}, t('notFound')));
    } else {
      const result = await m.render(box, m.params, query);
      if (seq !== renderSeq || (background && lastInput > startedAt)) {
        if (typeof result === 'function') result();
        if (seq === renderSeq) main.removeAttribute('aria-busy');
        return;
      }
      if (background) runCleanup();
      cleanup = result;
    }
  } catch (e) {
    console.error(e);
    if (seq !== renderSeq) return;
    if (background) runCleanup();
    // A network failure while offline (something not saved on this device) says so, not "Failed to fetch".
    const text = !navigator.onLine && e instanceof TypeError ? t('error.offline')
      : t('error.generic', { msg: e?.messages ? e.messages[lang()] ?? e.message : e?.message ?? String(e) });
    add(box, h('p', { class: 'notice notice-error', role: 'alert' }, text));
  } finally {
    if (seq === renderSeq && !(background && lastInput > startedAt)) {
      main.replaceChildren(box);
      shownAt = performance.now();
      const h1 = box.querySelector('h1');
      document.title = h1 ? `${h1.textContent} - ${t('site.name')}` : t('site.name');
      main.removeAttribute('aria-busy');
    }
  }
  // Drawn again in place (the profile came back from another tab): focus stays where it was.
  const kept = keep && document.getElementById(keep);
  if (kept && seq === renderSeq) {
    kept.focus();
    if (typeof kept.setSelectionRange === 'function' && typeof kept.value === 'string') {
      try { kept.setSelectionRange(kept.value.length, kept.value.length); } catch { /* not a text input */ }
    }
  }
  // Moving to a new page moves focus to it (as a page load would), except on the first load.
  else if (!firstRender && seq === renderSeq && !main.contains(document.activeElement)) {
    const h1 = main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    } else main.focus();
  }
  firstRender = false;
  if (seq === renderSeq) performance.mark('wangban:rendered', { detail: path });
}

function navLink(hash, label) {
  const here = ('#' + current().path) === hash || (hash === '#/catalog/citizen' && current().path === '/');
  return h('li', {}, h('a', { href: hash, 'aria-current': here ? 'page' : undefined }, label));
}

function renderHeader() {
  const header = document.getElementById('site-header');
  clear(header);
  const account = session.syncStatus?.account;
  add(header, 
    h('div', { class: 'header-top' },
      h('a', { class: 'brand', href: '#/' },
        h('img', { src: 'icons/icon.svg', alt: '', width: 36, height: 36 }),
        h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, t('site.name')), h('span', { class: 'brand-tag' }, t('site.tagline')))),
      h('div', { class: 'header-tools' },
        h('button', {
          type: 'button', class: 'link-button', lang: lang() === 'en' ? 'zh-CN' : 'en',
          'aria-label': t('lang.switchLabel'),
          onclick: () => {
            setLang(lang() === 'en' ? 'zh-CN' : 'en');
            // A message shown in the other language goes with it.
            const toast = document.getElementById('announcer');
            if (toast) {
              toast.textContent = '';
              toast.className = 'toast';
            }
            renderStatic();
            void render();
          },
        }, t('lang.switch')),
        signedIn() && account
          ? [h('span', { class: 'account' }, t('signedInAs', { name: account.displayName })),
            h('button', { type: 'button', class: 'link-button', onclick: async () => {
              await signOut();
              go('#/');
            } }, t('signout'))]
          : h('a', { href: '#/signin', class: 'button button-small' }, t('signin')))),
    h('nav', { 'aria-label': t('nav.label') },
      h('ul', { class: 'nav' },
        navLink('#/catalog/citizen', t('nav.citizen')),
        navLink('#/catalog/enterprise', t('nav.enterprise')),
        navLink('#/drafts', t('nav.drafts')),
        navLink('#/cases', t('nav.cases')),
        navLink('#/consult', t('nav.consult')),
        navLink('#/appointments', t('nav.appointments')))),
  );
  renderStatus();
}

function renderStatus() {
  const header = document.getElementById('site-header');
  let bar = document.getElementById('net-status');
  if (!bar) {
    bar = h('p', { id: 'net-status', class: 'net-status', role: 'status', 'aria-live': 'polite' });
    add(header, bar);
  }
  const online = navigator.onLine;
  const s = session.syncStatus;
  const parts = [online ? t('net.online') : t('net.offline')];
  if (s && s.queued > 0) parts.push(t('net.queued', { n: s.queued }));
  const text = parts.join(' · ');
  if (bar.textContent !== text) bar.textContent = text;
  bar.classList.toggle('is-offline', !online);
}

function renderBanners() {
  const box = clear(document.getElementById('banners'));
  if (session.state === 'elsewhere' || (session.state === 'failed' && session.name)) add(box, h('p', { class: 'banner banner-warn', role: 'alert' }, t('elsewhere')));
  if (session.persisted === false && session.name) add(box, h('p', { class: 'banner banner-info' }, t('storage.notPersistent')));
}

function renderStatic() {
  document.documentElement.lang = lang();
  document.querySelector('.skip-link').textContent = t('skip');
  const footer = clear(document.getElementById('site-footer'));
  add(footer, h('p', {}, t('site.name'), ' · ', t('site.tagline')));
  renderBanners();
}

on('state', (state) => {
  renderBanners();
  renderHeader();
  if (state === 'open') window.dispatchEvent(new CustomEvent('wangban:reopened'));
});
on('sync', () => renderStatus());
// The count of applications waiting also changes with no sync round (submitted offline): read it on each change.
on('event', (e) => {
  if (!/^outbox\./.test(e.kind) || !session.profile) return;
  session.syncStatus = session.profile.sync.status();
  renderStatus();
});
// The blank forms of the items with drafts, for offline use (those of guides read online are kept anyway).
function keepDraftForms() {
  session.profile?.drafts().then((drafts) => keepDownloads(drafts.map((d) => d.itemId))).catch(() => {});
}
on('opened', keepDraftForms);
window.addEventListener('online', keepDraftForms);
window.addEventListener('online', renderStatus);
window.addEventListener('offline', renderStatus);
window.addEventListener('hashchange', () => void render());
window.addEventListener('wangban:rerender', (e) => void render({ background: Boolean(e.detail?.background) }));

// For the browser tests and the in-page benchmark (bench/web/portal_speed.mjs).
window.__wangbanSession = session;

async function start() {
  renderStatic();
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { scope: './' }).catch((e) => console.warn('service worker', e));
  }
  await boot();
  renderBanners();
  await render();
  document.documentElement.dataset.ready = '1';
}

void start();
