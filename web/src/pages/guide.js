// An item's service guide (办事指南): all ten elements, the departments, the blank forms, and the ways to act.

import { h, add } from '../dom.js';
import { t, lt, fmtSize, fmtTypes } from '../i18n.js';
import { guide as fetchGuide } from '../api.js';
import { signedIn } from '../session.js';
import { isKept } from '../offline.js';
import { visitBadge } from './catalog.js';

function list(items, render = (x) => lt(x)) {
  return h('ol', { class: 'plain-list' }, items.map((x) => h('li', {}, render(x))));
}

function element(id, title, ...content) {
  return h('section', { class: 'guide-element', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

export async function renderGuide(main, { id }) {
  const g = await fetchGuide(id);
  const e = g.guide;
  const materials = e.materials ?? [];
  const fees = e.fees ?? [];
  const actions = h('p', { class: 'actions' },
    signedIn()
      ? h('a', { class: 'button', href: `#/apply/${encodeURIComponent(g.id)}` }, t('guide.apply'))
      : h('a', { class: 'button', href: `#/signin?next=${encodeURIComponent('#/apply/' + g.id)}` }, t('guide.signinToApply')),
    h('a', { class: 'button button-secondary', href: `#/consult?item=${encodeURIComponent(g.id)}` }, t('guide.ask')),
    g.visits > 0 ? h('a', { class: 'button button-secondary', href: `#/appointments?item=${encodeURIComponent(g.id)}` }, t('guide.book')) : null);

  add(main, 
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/catalog/${g.audience === 'enterprise' ? 'enterprise' : 'citizen'}` }, t(g.audience === 'enterprise' ? 'nav.enterprise' : 'nav.citizen'))),
    h('h1', {}, lt(g.title)),
    g.summary ? h('p', { class: 'lead' }, lt(g.summary)) : null,
    h('p', { class: 'card-meta' }, visitBadge(g.visits), h('span', {}, t(`visits.${g.visits}.long`))),
    actions,
    h('h2', { class: 'section-heading' }, t('guide.title')),
    h('div', { class: 'guide' },
      element('g-legal', t('guide.legalBasis'), list(e.legalBasis ?? [])),
      element('g-cond', t('guide.conditions'), list(e.conditions ?? [])),
      element('g-proc', t('guide.procedure'), list(e.procedure ?? [], (s) => [h('strong', {}, lt(s.title)), s.description ? h('span', { class: 'step-desc' }, ' — ', lt(s.description)) : null])),
      element('g-mat', t('guide.materials'),
        materials.length
          ? h('ul', { class: 'materials' }, materials.map((m) => h('li', {},
            h('strong', {}, lt(m.name)), ' ',
            h('span', { class: `tag ${m.required ? 'tag-required' : ''}` }, m.required ? t('guide.required') : t('guide.optional')),
            m.electronicCertificate ? h('span', { class: 'tag' }, t('guide.eCert')) : null,
            m.copies ? h('span', { class: 'tag' }, t('guide.copies', { n: m.copies })) : null,
            h('span', { class: 'hint' }, t('guide.types', { types: fmtTypes(m.acceptedTypes ?? []), size: fmtSize(m.maxSizeBytes ?? 0) })),
            m.note ? h('span', { class: 'hint' }, lt(m.note)) : null)))
          : h('p', {}, t('guide.noMaterials'))),
      element('g-dept', t('guide.department'), h('p', {}, lt(e.acceptingDepartment)),
        h('p', { class: 'hint' }, t('guide.departments'), t('punct.colon'), g.departments.map((d, i) => [i ? t('punct.list') : '', lt(d.name), t('guide.role', { role: d.role === 'parallel' ? t('guide.parallel') : t('guide.lead') })]))),
      element('g-loc', t('guide.location'), h('p', {}, lt(e.location))),
      element('g-contact', t('guide.contact'), h('p', {}, h('a', { href: `tel:${e.contact?.phone ?? ''}` }, e.contact?.phone ?? ''),
        e.contact?.email ? [' · ', h('a', { href: `mailto:${e.contact.email}` }, e.contact.email)] : null,
        e.contact?.note ? [' · ', lt(e.contact.note)] : null)),
      element('g-hours', t('guide.hours'), h('p', {}, lt(e.hours))),
      element('g-time', t('guide.timeLimit'), h('p', {}, t('guide.promised', { n: e.timeLimit?.promisedDays ?? 0 }),
        e.timeLimit?.statutoryDays != null ? [t('punct.semi'), t('guide.statutory', { n: e.timeLimit.statutoryDays })] : null)),
      // No fees: the basis says so in its own words ("婚姻登记不收费"), or plainly "free of charge".
      element('g-fees', t('guide.fees'),
        fees.length
          ? h('ul', { class: 'plain-list' }, fees.map((f) => h('li', {}, lt(f.name), t('punct.colon'), '¥', f.amount, f.basis ? h('span', { class: 'hint' }, ' ', lt(f.basis)) : null)))
          : h('p', {}, e.feeBasis ? lt(e.feeBasis) : t('guide.free')),
        fees.length && e.feeBasis ? h('p', { class: 'hint' }, lt(e.feeBasis)) : null)),
    h('section', { 'aria-labelledby': 'g-dl' },
      h('h2', { id: 'g-dl', class: 'section-heading' }, t('guide.downloads')),
      (g.downloads ?? []).length ? downloads(g.downloads) : h('p', {}, t('guide.noDownloads'))),
  );
}

// Blank forms. Offline, each says whether it is kept on this device, and one that is not says so when clicked
// (instead of a download that fails).
function downloads(list) {
  const note = h('p', { class: 'notice notice-error', id: 'download-offline', role: 'alert', hidden: true });
  const offline = !navigator.onLine;
  const items = list.map((d) => {
    const state = h('span', { class: 'download-state' });
    const a = h('a', { href: d.url, download: d.fileName, onclick: (ev) => {
      if (navigator.onLine || a.dataset.kept) return;
      ev.preventDefault();
      void isKept(d.url).then((kept) => {
        if (kept) {
          a.dataset.kept = '1';
          a.click();
          delete a.dataset.kept;
        } else {
          note.textContent = t('guide.downloadOffline', { name: lt(d.title) });
          note.hidden = false;
        }
      });
    } }, lt(d.title));
    if (offline) void isKept(d.url).then((kept) => { state.textContent = ` · ${t(kept ? 'guide.downloadKept' : 'guide.downloadNeedsNet')}`; });
    return h('li', {}, a, h('span', { class: 'hint' }, ` ${d.fileName} · ${fmtSize(d.size)}`, state));
  });
  return [h('ul', { class: 'downloads' }, items), note];
}
