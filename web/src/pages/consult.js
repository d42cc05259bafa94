// Online consultation (在线咨询): ask about a service item, see my questions and their answers, and the item's
// published questions and answers.

import { h, announce, add } from '../dom.js';
import { t, lt, lang, fmtDate } from '../i18n.js';
import { ready, signedIn } from '../session.js';
import { catalog, getJSON } from '../api.js';

function errorText(e) {
  return e?.messages?.[lang()] ?? e?.message ?? String(e);
}

function qa(c) {
  return h('li', { class: 'card' },
    h('p', { class: 'question' }, h('strong', {}, c.question)),
    c.askedAt ? h('p', { class: 'hint' }, fmtDate(c.askedAt)) : null,
    c.answer ? h('p', { class: 'answer' }, h('span', { class: 'badge' }, t('consult.answer')), ' ', c.answer) : h('p', { class: 'hint' }, t('consult.pending')));
}

export async function renderConsult(main, params, query) {
  add(main, h('h1', {}, t('consult.title')));
  const items = await catalog();
  const chosen = query.get('item') ?? items[0]?.id;
  const select = h('select', { id: 'consult-item', name: 'item' }, items.map((i) => h('option', { value: i.id, selected: i.id === chosen }, lt(i.title))));
  const faqBox = h('div', { 'aria-live': 'polite' });
  async function loadFaq() {
    faqBox.replaceChildren(h('h2', {}, t('consult.faq')));
    if (!navigator.onLine) {
      add(faqBox, h('p', { class: 'hint' }, t('online.needed')));
      return;
    }
    try {
      const faq = (await getJSON(`/v1/forms/${encodeURIComponent(select.value)}/consultations`)).consultations;
      add(faqBox, faq.length ? h('ul', { class: 'cards' }, faq.map(qa)) : h('p', { class: 'hint' }, t('consult.none')));
    } catch (e) {
      add(faqBox, h('p', { class: 'hint' }, errorText(e)));
    }
  }
  select.addEventListener('change', () => {
    history.replaceState(null, '', `#/consult?item=${encodeURIComponent(select.value)}`);
    void loadFaq();
  });

  const profile = await ready();
  add(main, h('div', { class: 'field' }, h('label', { for: 'consult-item' }, t('consult.item')), select));
  if (!profile || !signedIn()) {
    add(main, h('p', {}, t('signin.required'), ' ', h('a', { href: `#/signin?next=${encodeURIComponent('#/consult')}` }, t('signin'))));
  } else {
    const question = h('textarea', { id: 'consult-question', rows: 4, maxlength: 2000, required: true });
    const error = h('p', { class: 'field-error', id: 'consult-error', role: 'alert', hidden: true });
    question.setAttribute('aria-describedby', 'consult-error');
    add(main, h('form', { novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      error.hidden = true;
      if (!question.value.trim()) {
        error.textContent = t('consult.empty');
        error.hidden = false;
        question.focus();
        return;
      }
      try {
        await profile.consultations.ask(select.value, question.value.trim());
        announce(t('consult.sent'), 'success');
        window.dispatchEvent(new CustomEvent('wangban:rerender'));
      } catch (err) {
        error.textContent = navigator.onLine ? errorText(err) : t('online.needed');
        error.hidden = false;
      }
    } },
    h('div', { class: 'field' }, h('label', { for: 'consult-question' }, t('consult.question')), error, question),
    h('button', { type: 'submit', class: 'button' }, t('consult.send'))));
    add(main, h('h2', {}, t('consult.mine')));
    if (navigator.onLine) {
      try {
        const mine = await profile.consultations.list();
        add(main, mine.length ? h('ul', { class: 'cards', id: 'my-consultations' }, mine.map(qa)) : h('p', { class: 'hint' }, t('consult.none')));
      } catch (e) {
        add(main, h('p', { class: 'hint' }, errorText(e)));
      }
    } else add(main, h('p', { class: 'hint' }, t('online.needed')));
  }
  add(main, faqBox);
  await loadFaq();
}
