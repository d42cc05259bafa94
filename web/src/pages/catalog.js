// The catalog (事项目录) for individuals or businesses: search, filter by department and visit class.

import { h, clear, add } from '../dom.js';
import { t, lt } from '../i18n.js';
import { catalog } from '../api.js';

export function visitBadge(visits) {
  return h('span', { class: `badge badge-visits-${visits}`, title: t(`visits.${visits}.long`) }, t(`visits.${visits}`));
}

function matches(item, audience, q, dept, visits) {
  if (audience === 'citizen' && item.audience === 'enterprise') return false;
  if (audience === 'enterprise' && item.audience === 'citizen') return false;
  if (dept && !item.departments.some((d) => d.id === dept)) return false;
  if (visits !== '' && String(item.visits) !== visits) return false;
  if (q) {
    const hay = [item.title, item.summary, ...(item.topics ?? [])].flatMap((x) => (x ? [x['zh-CN'], x.en] : []))
      .concat(item.keywords ?? [], item.id).join(' ').toLowerCase();
    if (!q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

export async function renderCatalog(main, { audience }, query) {
  if (audience !== 'citizen' && audience !== 'enterprise') audience = 'citizen';
  const items = await catalog();
  const pool = items.filter((i) => matches(i, audience, '', '', ''));
  const departments = new Map();
  for (const i of pool) for (const d of i.departments) departments.set(d.id, d.name);

  const q = h('input', { type: 'search', id: 'cat-q', name: 'q', value: query.get('q') ?? '', autocomplete: 'off', 'aria-describedby': 'cat-q-hint' });
  const dept = h('select', { id: 'cat-dept', name: 'department' },
    h('option', { value: '' }, t('catalog.allDepartments')),
    [...departments].sort((a, b) => lt(a[1]).localeCompare(lt(b[1]), 'zh-CN')).map(([id, name]) =>
      h('option', { value: id, selected: query.get('department') === id }, lt(name))));
  const visitChoice = query.get('visits') ?? '';
  const visitInputs = ['', '0', '1', '2'].map((v) => h('label', { class: 'chip' },
    h('input', { type: 'radio', name: 'visits', value: v, checked: v === visitChoice }),
    v === '' ? t('catalog.allVisits') : t(`visits.${v}`)));
  const count = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'cards', id: 'catalog-list' });

  function update() {
    const visits = visitInputs.map((l) => l.querySelector('input')).find((i) => i.checked)?.value ?? '';
    const shown = items.filter((i) => matches(i, audience, q.value.trim(), dept.value, visits));
    const params = new URLSearchParams();
    if (q.value.trim()) params.set('q', q.value.trim());
    if (dept.value) params.set('department', dept.value);
    if (visits) params.set('visits', visits);
    const s = params.toString();
    if (/^#\/(catalog\/|$)|^$/.test(location.hash)) history.replaceState(null, '', `#/catalog/${audience}${s ? '?' + s : ''}`);
    count.textContent = t('catalog.count', { n: shown.length });
    clear(list);
    if (!shown.length) add(list, h('li', { class: 'empty' }, t('catalog.none')));
    for (const item of shown) {
      const lead = item.departments.find((d) => d.role === 'lead') ?? item.departments[0];
      add(list, h('li', { class: 'card' },
        h('h2', { class: 'card-title' }, h('a', { href: `#/item/${encodeURIComponent(item.id)}` }, lt(item.title))),
        item.summary ? h('p', { class: 'card-summary' }, lt(item.summary)) : null,
        h('p', { class: 'card-meta' },
          visitBadge(item.visits),
          h('span', {}, lt(lead?.name)),
          h('span', {}, item.timeLimitDays > 0 ? t('catalog.timeLimit', { n: item.timeLimitDays }) : t('catalog.timeLimit0')))));
    }
  }

  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); update(); } },
    h('div', { class: 'field field-search' },
      h('label', { for: 'cat-q' }, t('catalog.search')),
      h('p', { class: 'hint', id: 'cat-q-hint' }, t('catalog.searchHint')),
      q),
    h('div', { class: 'field' }, h('label', { for: 'cat-dept' }, t('catalog.department')), dept),
    h('fieldset', { class: 'field chips' }, h('legend', {}, t('catalog.visits')), visitInputs));
  form.addEventListener('input', update);
  form.addEventListener('change', update);

  add(main, 
    h('h1', {}, t(`catalog.title.${audience}`)),
    form,
    count,
    list);
  update();
}
