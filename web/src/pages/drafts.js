// My drafts (我的草稿): every unsent application on this device, with how far along it is.

import { h, add } from '../dom.js';
import { t, lt, fmtDate } from '../i18n.js';
import { ready } from '../session.js';

export async function renderDrafts(main) {
  add(main, h('h1', {}, t('drafts.title')));
  const profile = await ready();
  if (!profile) {
    add(main, h('p', {}, t('signin.required'), ' ', h('a', { href: '#/signin?next=%23%2Fdrafts' }, t('signin'))));
    return;
  }
  const drafts = (await profile.drafts()).sort((a, b) => b.updatedAt - a.updatedAt);
  if (!drafts.length) {
    add(main, h('p', { class: 'empty' }, t('drafts.none')));
    return;
  }
  add(main, h('ul', { class: 'cards', id: 'draft-list' }, drafts.map((d) => h('li', { class: 'card' },
    h('h2', { class: 'card-title' }, h('a', { href: `#/draft/${encodeURIComponent(d.id)}` }, lt(d.title))),
    h('p', { class: 'card-meta' },
      h('span', {}, t('drafts.progress', { p: Math.round(d.completeness * 100) })),
      d.errorCount ? h('span', {}, t('drafts.problems', { n: d.errorCount })) : null,
      h('span', {}, t('drafts.updated', { at: fmtDate(d.updatedAt) }))),
    h('progress', { max: 1, value: d.completeness, 'aria-label': t('drafts.progress', { p: Math.round(d.completeness * 100) }) })))));
}
