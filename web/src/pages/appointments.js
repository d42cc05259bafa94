// Appointment booking (预约办理): open slots for an item, hold and book one, my appointments, cancelling.

import { h, announce, add } from '../dom.js';
import { t, lt, lang } from '../i18n.js';
import { ready, signedIn } from '../session.js';
import { catalog } from '../api.js';

function errorText(e) {
  return e?.messages?.[lang()] ?? e?.message ?? String(e);
}

function when(slot) {
  const f = new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  const end = new Intl.DateTimeFormat(lang(), { timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  return `${f.format(slot.startsAt)}–${end.format(slot.endsAt)}`;
}

export async function renderAppointments(main, params, query) {
  add(main, h('h1', {}, t('appt.title')));
  const items = (await catalog()).filter((i) => i.visits > 0);
  const profile = await ready();
  const chosen = query.get('item') ?? items[0]?.id;
  const select = h('select', { id: 'appt-item' }, items.map((i) => h('option', { value: i.id, selected: i.id === chosen }, lt(i.title))));
  const slotsBox = h('div', { id: 'slots' });
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  add(main, h('div', { class: 'field' }, h('label', { for: 'appt-item' }, t('appt.item')), select), error);
  if (!navigator.onLine || !profile) {
    add(main, h('p', { class: 'notice' }, !navigator.onLine ? t('online.needed') : t('signin.required'), ' ',
      !profile ? h('a', { href: `#/signin?next=${encodeURIComponent('#/appointments')}` }, t('signin')) : null));
    return;
  }
  async function loadSlots() {
    slotsBox.replaceChildren(h('h2', {}, t('appt.slots')));
    try {
      const slots = await profile.appointments.slots({ itemId: select.value });
      if (!slots.length) {
        add(slotsBox, h('p', { class: 'hint' }, t('appt.none')));
        return;
      }
      add(slotsBox, h('ul', { class: 'slots' }, slots.slice(0, 30).map((s) => h('li', { class: 'slot' },
        h('span', { class: 'slot-time' }, when(s)), h('span', { class: 'hint' }, s.location),
        h('span', { class: 'hint' }, s.remaining > 0 ? t('appt.remaining', { n: s.remaining }) : t('appt.full')),
        h('button', { type: 'button', class: 'button button-small', disabled: s.remaining <= 0 || !signedIn(), 'aria-label': t('appt.bookSlot', { when: when(s) }), onclick: async () => {
          error.hidden = true;
          try {
            const hold = await profile.appointments.hold(s.slotId);
            const a = await profile.appointments.book(hold.holdId);
            announce(t('appt.booked', { when: when(a.slot), where: a.slot.location }), 'success');
            window.dispatchEvent(new CustomEvent('wangban:rerender'));
          } catch (e) {
            error.textContent = errorText(e);
            error.hidden = false;
          }
        } }, t('appt.book'))))));
    } catch (e) {
      add(slotsBox, h('p', { class: 'hint' }, errorText(e)));
    }
  }
  select.addEventListener('change', () => {
    history.replaceState(null, '', `#/appointments?item=${encodeURIComponent(select.value)}`);
    void loadSlots();
  });
  if (signedIn()) {
    add(main, h('h2', {}, t('appt.mine')));
    try {
      const mine = (await profile.appointments.list()).filter((a) => a.state === 'booked');
      add(main, mine.length ? h('ul', { class: 'cards', id: 'my-appointments' }, mine.map((a) => h('li', { class: 'card' },
        h('p', {}, h('strong', {}, when(a.slot)), ' · ', a.slot.location, ' · ', lt(items.find((i) => i.id === a.slot.itemId)?.title) || a.slot.itemId),
        h('button', { type: 'button', class: 'button button-secondary button-small', onclick: async () => {
          await profile.appointments.cancel(a.appointmentId);
          announce(t('appt.cancelled'));
          window.dispatchEvent(new CustomEvent('wangban:rerender'));
        } }, t('appt.cancel'))))) : h('p', { class: 'hint' }, t('appt.noneMine')));
    } catch (e) {
      add(main, h('p', { class: 'hint' }, errorText(e)));
    }
  }
  add(main, slotsBox);
  await loadSlots();
}
