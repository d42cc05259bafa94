// Filling in a form (在线申请): the layout drawn from the form definition, every answer saved as it is typed
// (the SDK's Draft, durable in IndexedDB), the core's live verdicts shown inline and, on submitting, in an error
// summary. Submitting queues the application in the outbox: it is sent at once when online, later when not.

import { applyChange } from 'wangban';
import { h, clear, announce, add } from '../dom.js';
import { t, lt, lang } from '../i18n.js';
import { ready, session, signedIn } from '../session.js';
import { ensureForm } from '../api.js';
import { go } from '../router.js';
import { buildField } from '../form/widgets.js';
import { schemaAt } from '../form/schema.js';

// Edits not yet durable, by draft: kept across a take-over by another tab and applied again once this tab has the
// profile back, so nothing typed is lost (pointer -> value, or undefined for "clear").
const pendingByDraft = new Map();

function errorText(e) {
  return e?.messages?.[lang()] ?? e?.message ?? String(e);
}

function signInPrompt(main, next) {
  add(main, h('h1', {}, t('signin')),
    h('p', {}, t('signin.required')),
    h('p', {}, h('a', { class: 'button', href: `#/signin?next=${encodeURIComponent(next)}` }, t('signin'))));
}

export async function renderApply(main, { itemId }) {
  const profile = await ready();
  if (!profile || !signedIn()) return signInPrompt(main, `#/apply/${itemId}`);
  await ensureForm(profile, itemId);
  const draft = await profile.newDraft(itemId);
  const id = draft.id;
  draft.close();
  if (location.hash.startsWith(`#/apply/${encodeURIComponent(itemId)}`)) history.replaceState(null, '', `#/draft/${encodeURIComponent(id)}`);
  return renderDraft(main, { id }, new URLSearchParams());
}

function readFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total * 0.9); };
    reader.onload = () => resolve(new Uint8Array(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

export async function renderDraft(main, { id }, query) {
  const profile = await ready();
  if (!profile) return signInPrompt(main, `#/draft/${id}`);
  let draft;
  try {
    draft = await profile.openDraft(id);  // window.__wangbanDraft: the open draft, for tests and the benchmark
  } catch (e) {
    add(main, h('h1', {}, t('drafts.title')), h('p', { class: 'notice' }, t('form.closed')),
      h('p', {}, h('a', { href: '#/drafts' }, t('nav.drafts'))));
    return;
  }
  const pending = pendingByDraft.get(id) ?? new Map();
  pendingByDraft.set(id, pending);
  const doc = await profile.form(draft.itemId, draft.formVersion);
  const schema = doc.definition.schema ?? {};
  const layout = draft.layout();
  const controls = new Map();   // location -> control
  const sectionEls = new Map(); // section id -> {el, section, rowsBox, errorBox, rendered}
  const touched = new Set();
  let submitAttempted = false;
  let pageIndex = Math.min(Number(query.get('page') ?? 0) || 0, layout.pages.length - 1);
  let lastView = draft.view();

  const saveState = h('p', { class: 'save-state', role: 'status', 'aria-live': 'polite' }, t('form.saved'));
  const progress = h('progress', { id: 'completeness', max: 1, value: lastView.completeness });
  const progressLabel = h('label', { for: 'completeness' });
  const summary = h('div', { class: 'error-summary', id: 'error-summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'error-summary-title' });
  const pagesBox = h('div', { class: 'pages' });

  const showErrorsFor = (loc) => submitAttempted || touched.has(loc);
  const REQUIRED = { 'zh-CN': '此项为必填项', en: 'This field is required' };
  const isEmpty = (v) => v == null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  // After a submit attempt, a visible required field left empty says so even where the core reports the missing
  // answer on an enclosing object ("/housing" is missing altogether).
  const effective = (f) => (submitAttempted && f.visible && f.required && !f.readOnly && isEmpty(f.value) && !f.errors.length
    ? { ...f, errors: [{ code: 'validate.required', location: f.location, message: REQUIRED }] }
    : f);
  const draw = (f) => controls.get(f.location)?.update(effective(f), showErrorsFor(f.location));

  // An unticked checkbox answers "no" (false), unless it must be ticked (a declaration: const true): set that
  // answer where nothing is stored yet, so a required yes/no question is not "missing" when left unticked.
  const layoutFields = new Map(layout.pages.flatMap((p) => p.sections.flatMap((sec) => sec.fields.map((f) => [f.id, f]))));
  function defaultCheckboxes(fields) {
    for (const f of fields) {
      const lf = layoutFields.get(f.id);
      if (!lf || lf.widget !== 'checkbox' || f.value != null || f.readOnly || !f.visible) continue;
      const sch = schemaAt(schema, lf.dataPath);
      if (sch.const === true || (Array.isArray(sch.enum) && !sch.enum.includes(false))) continue;
      draft.set(f.location, false).catch(() => {});
    }
  }

  // Every edit goes through here. While another tab has the profile, the edit is kept (pending) and this tab
  // takes the profile back; reopen() applies it.
  function edit(loc, value) {
    touched.add(loc);
    pending.set(loc, value);
    if (saveState.textContent !== t('form.saving')) saveState.textContent = t('form.saving');
    if (draft.closed || session.state !== 'open') {
      void reopen();
      return;
    }
    const op = value === undefined ? draft.clear(loc) : draft.set(loc, value);
    op.then(() => {
      if (pending.get(loc) === value) pending.delete(loc);
      if (!pending.size && saveState.textContent !== t('form.saved')) saveState.textContent = t('form.saved');
    }, (e) => {
      if (e?.code === 'web.closed' || e?.code === 'web.profile_taken_over' || e?.code === 'store.no_such_draft' || draft.closed) {
        // Another tab took the profile: the edit stays pending until this tab is used again (taking it back here,
        // unasked, would make two busy tabs take it from each other forever).
        if (session.state === 'open') void reopen();
        return;
      }
      pending.delete(loc);
      saveState.textContent = t('form.saveFailed', { msg: errorText(e) });
      announce(t('form.saveFailed', { msg: errorText(e) }), 'error');
    });
  }

  async function live() {
    if (draft.closed || session.state !== 'open' || pending.size) await reopen();
    return draft;
  }

  let reopening = null;
  function reopen() {
    reopening ??= (async () => {
      try {
        const p = await ready();
        if (!p) return;
        if (draft.closed) {
          let d;
          try {
            d = await p.openDraft(id);
          } catch {
            announce(t('form.closed'), 'error');
            return;
          }
          listen(d);
        }
        // Edits typed while another tab had the profile (read again at each step: newer typing wins).
        for (const loc of [...pending.keys()]) {
          if (!pending.has(loc)) continue;
          const v = pending.get(loc);
          try {
            if (v === undefined) await draft.clear(loc);
            else await draft.set(loc, v);
            if (pending.get(loc) === v) pending.delete(loc);
          } catch (e) {
            if (draft.closed) return;  // taken over again: the next reopen() goes on
            pending.delete(loc);
          }
        }
        applyView(draft.view());
        saveState.textContent = pending.size ? t('form.saving') : t('form.saved');
      } catch (e) {
        // Taken over again while reopening: the edits stay pending until this tab is used again.
        console.warn('reopening the draft', e?.code ?? e);
      } finally {
        reopening = null;
      }
    })();
    return reopening;
  }

  const ctxFor = (loc) => ({
    schema,
    location: loc,
    onEdit: edit,
    onClear: (l) => edit(l, undefined),
    onTouch: (l) => {
      if (touched.has(l)) return;
      touched.add(l);
      const s = lastView.fields.find((f) => f.location === l);
      if (s) controls.get(l)?.update(effective(s), true);
    },
    onAttach: async (l, file, onProgress) => {
      touched.add(l);
      try {
        const bytes = await readFile(file, onProgress);
        await (await live()).attach(l, bytes, { name: file.name, mediaType: file.type || 'application/octet-stream' });
        onProgress(1);
      } catch (e) {
        announce(errorText(e), 'error');
        const c = controls.get(l);
        const s = lastView.fields.find((f) => f.location === l);
        if (c && s) c.update({ ...s, errors: [{ message: e.messages ?? { 'zh-CN': errorText(e) } }] }, true);
      }
    },
  });

  function renderRows(entry, rows) {
    const { section, rowsBox } = entry;
    for (const f of section.fields) for (let r = 0; r < entry.rendered; r++) controls.delete(`${section.repeat.bind}/${r}${f.bind}`);
    clear(rowsBox);
    if (rows === 0) add(rowsBox, h('p', { class: 'hint' }, t('form.noRows')));
    for (let r = 0; r < rows; r++) {
      const legend = `${lt(section.title)} · ${t('form.row', { n: r + 1 })}`;
      const row = h('fieldset', { class: 'repeat-row' }, h('legend', {}, legend));
      for (const f of section.fields) {
        const loc = `${section.repeat.bind}/${r}${f.bind}`;
        const c = buildField(f, ctxFor(loc));
        controls.set(loc, c);
        add(row, c.el);
      }
      add(row, h('button', { type: 'button', class: 'button button-secondary button-small', onclick: async () => {
        try {
          await (await live()).removeRow(section.repeat.bind, r);
        } catch (e) {
          announce(errorText(e), 'error');
        }
      } }, t('form.removeRow', { n: r + 1 })));
      add(rowsBox, row);
    }
    entry.rendered = rows;
  }

  function buildSection(section) {
    const headingId = `sec-${section.id}`;
    const errorBox = h('p', { class: 'field-error section-error', id: `${headingId}-error`, hidden: true });
    const el = h('section', { class: 'form-section', 'aria-labelledby': headingId, dataset: { sectionId: section.id } },
      h('h2', { id: headingId }, lt(section.title)),
      section.help ? h('p', { class: 'hint' }, lt(section.help)) : null,
      errorBox);
    const entry = { el, section, errorBox, rowsBox: null, rendered: 0, addButton: null };
    if (section.repeat) {
      entry.rowsBox = h('div', { class: 'repeat-rows' });
      entry.addButton = h('button', { type: 'button', class: 'button button-secondary', onclick: async () => {
        try {
          const change = await (await live()).addRow(section.repeat.bind);
          const first = controls.get(`${section.repeat.bind}/${change.row}${section.fields[0]?.bind}`);
          first?.focus();
        } catch (e) {
          announce(errorText(e), 'error');
        }
      } }, section.repeat.addLabel ? lt(section.repeat.addLabel) : t('form.addRow'));
      add(el, entry.rowsBox, entry.addButton);
    } else {
      for (const f of section.fields) {
        const c = buildField(f, ctxFor(f.bind));
        controls.set(f.bind, c);
        add(el, c.el);
      }
    }
    sectionEls.set(section.id, entry);
    return el;
  }

  const pageEls = layout.pages.map((p, i) => h('div', { class: 'form-page', id: `page-${p.id}`, hidden: i !== pageIndex, dataset: { page: i } },
    layout.pages.length > 1 ? h('p', { class: 'step-count' }, t('form.page', { n: i + 1, total: layout.pages.length })) : null,
    h('h2', { class: 'page-title', tabindex: '-1' }, lt(p.title)),
    p.sections.map(buildSection)));
  add(pagesBox, ...pageEls);

  const stepNav = layout.pages.length > 1
    ? h('nav', { class: 'steps', 'aria-label': t('form.steps') }, h('ol', {}, layout.pages.map((p, i) => h('li', {},
      h('a', { href: `#/draft/${encodeURIComponent(id)}?page=${i}`, dataset: { step: i }, onclick: (e) => { e.preventDefault(); showPage(i, true); } }, lt(p.title))))))
    : null;

  const prev = h('button', { type: 'button', class: 'button button-secondary', onclick: () => showPage(pageIndex - 1, true) }, t('form.prev'));
  const next = h('button', { type: 'button', class: 'button', onclick: () => showPage(pageIndex + 1, true) }, t('form.next'));
  const submit = h('button', { type: 'submit', class: 'button', id: 'submit-application' }, t('form.submit'));

  function showPage(i, focus) {
    if (i < 0 || i >= layout.pages.length) return;
    pageIndex = i;
    pageEls.forEach((el, j) => { el.hidden = j !== i; });
    stepNav?.querySelectorAll('a').forEach((a, j) => a.toggleAttribute('aria-current', j === i) || (j === i ? a.setAttribute('aria-current', 'step') : a.removeAttribute('aria-current')));
    stepNav?.querySelectorAll('a').forEach((a, j) => { if (j === i) a.setAttribute('aria-current', 'step'); else a.removeAttribute('aria-current'); });
    prev.hidden = i === 0;
    next.hidden = i === layout.pages.length - 1;
    submit.hidden = i !== layout.pages.length - 1;
    if (location.hash.startsWith(`#/draft/${encodeURIComponent(id)}`)) history.replaceState(null, '', `#/draft/${encodeURIComponent(id)}${i ? `?page=${i}` : ''}`);
    if (focus) pageEls[i].querySelector('.page-title').focus();
  }

  function applySections(sections) {
    for (const s of sections) {
      const entry = sectionEls.get(s.id);
      if (!entry) continue;
      if (entry.el.hidden !== !s.visible) entry.el.hidden = !s.visible;
      if (entry.section.repeat && s.rows !== entry.rendered) {
        // (a change of rows always comes with every field's state: lastView is already up to date)
        renderRows(entry, s.rows);
        const rowFields = lastView.fields.filter((f) => f.row !== null);
        for (const f of rowFields) draw(f);
        queueMicrotask(() => defaultCheckboxes(rowFields));
      }
      if (entry.addButton) {
        const full = s.maxRows !== null && s.rows >= s.maxRows;
        if (entry.addButton.disabled !== full) entry.addButton.disabled = full;
      }
      const own = s.errors.filter((e) => entry.section.repeat ? !(e.code === 'validate.required' && s.errors.some((x) => x.code === 'fill.too_few_rows')) : e.code !== 'validate.required');
      const text = submitAttempted || entry.section.repeat && touched.size ? own.map((e) => lt(e.message)).join('；') : '';
      // Only real changes touch the DOM: a rewrite of the same text still costs a layout of the whole form.
      if (entry.errorBox.textContent !== text) entry.errorBox.textContent = text;
      if (entry.errorBox.hidden !== !text) entry.errorBox.hidden = !text;
    }
  }

  function applySummary(v) {
    if (progress.value !== v.completeness) progress.value = v.completeness;
    const label = t('form.completeness', { done: v.requiredFilled, total: v.requiredTotal });
    if (progressLabel.textContent !== label) progressLabel.textContent = label;
  }

  let fieldIndex = null;  // location -> index in lastView.fields
  function applyFields(fields) {
    if (!fieldIndex) fieldIndex = new Map(lastView.fields.map((x, i) => [x.location, i]));
    for (const f of fields) {
      const i = fieldIndex.get(f.location);
      if (i !== undefined) lastView.fields[i] = f;
      else fieldIndex.set(f.location, lastView.fields.push(f) - 1);
      draw(f);
    }
  }

  // Whether section-level errors show depends on the page too (touched anything yet, tried to submit): when that
  // flips, every section is drawn again; otherwise only the sections a change names.
  let sectionErrorsShown = false;
  const showSectionErrors = () => submitAttempted || touched.size > 0;

  function applyView(v) {
    lastView = v;
    fieldIndex = null;
    sectionErrorsShown = showSectionErrors();
    applySections(v.sections);
    for (const f of v.fields) draw(f);
    applySummary(v);
  }

  function locate(location) {
    // The field at this location, or the nearest enclosing one (an error inside an address goes to the address).
    for (let loc = location; loc; loc = loc.slice(0, loc.lastIndexOf('/'))) if (controls.has(loc)) return controls.get(loc);
    return null;
  }

  function sectionFor(location) {
    for (const entry of sectionEls.values()) {
      if (entry.section.repeat && (location === entry.section.repeat.bind || location.startsWith(entry.section.repeat.bind + '/'))) return entry;
    }
    return null;
  }

  function pageOf(el) {
    return Number(el.closest('.form-page')?.dataset.page ?? pageIndex);
  }

  function showSummary(errors, announceIt = true) {
    clear(summary);
    if (!errors.length) {
      summary.hidden = true;
      return;
    }
    // A missing object ("/housing") stands for its empty required fields; a repeat group's "required" repeats its
    // "add at least one row".
    const seen = new Set();
    errors = errors.flatMap((e) => {
      const loc = e.location ?? '';
      if (locate(loc) || e.code !== 'validate.required') return [e];
      if (errors.some((x) => x !== e && x.location === loc && x.code === 'fill.too_few_rows')) return [];
      const inside = lastView.fields.filter((f) => f.location.startsWith(loc + '/') && f.visible && f.required && !f.readOnly && isEmpty(f.value));
      return inside.length ? inside.map((f) => ({ ...e, location: f.location })) : [e];
    }).filter((e) => {
      const key = `${e.location}|${e.code}|${lt(e.message)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // In the order of the form, not of the checks.
    const place = (e) => locate(e.location ?? '')?.el ?? sectionFor(e.location ?? '')?.el ?? null;
    errors = errors.map((e) => ({ e, el: place(e) })).sort((a, b) => {
      if (!a.el || !b.el) return (a.el ? 0 : 1) - (b.el ? 0 : 1);
      if (a.el === b.el) return 0;
      return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    }).map((x) => x.e);
    add(summary, h('h2', { id: 'error-summary-title' }, t('form.errorSummary', { n: errors.length })),
      h('ul', {}, errors.map((e) => {
        const c = locate(e.location ?? '');
        const entry = c ? null : sectionFor(e.location ?? '');
        const target = c ? c.focusId : entry ? `sec-${entry.section.id}` : null;
        const label = c ? c.el.querySelector('label, legend, .label')?.firstChild?.textContent ?? '' : entry ? lt(entry.section.title) : '';
        const text = `${label ? label + t('punct.colon') : ''}${lt(e.message)}`;
        return h('li', {}, target
          ? h('a', { href: `#${target}`, onclick: (ev) => {
            ev.preventDefault();
            const el = document.getElementById(target);
            if (!el) return;
            showPage(pageOf(el), false);
            if (el.tagName === 'H2') el.setAttribute('tabindex', '-1');
            el.focus();
            el.scrollIntoView({ block: 'center' });
          } }, text)
          : text);
      })));
    summary.hidden = false;
    // Announced when the person submits; kept quietly up to date while they fix things.
    if (announceIt) summary.setAttribute('role', 'alert');
    else summary.removeAttribute('role');
  }

  function listen(d) {
    draft = d;
    window.__wangbanDraft = d;
    d.on('change', onChange);
    d.on('saved', onSaved);
    d.on('reset', onReset);
  }
  let changeAt = 0;
  let drawnAt = 0;
  Object.defineProperty(window, '__wangbanChangeAt', { configurable: true, get: () => changeAt });
  Object.defineProperty(window, '__wangbanDrawnAt', { configurable: true, get: () => drawnAt });
  // What still needs fixing, from the current view: after a submit attempt the summary follows every edit.
  function liveErrors() {
    const out = [];
    for (const f of lastView.fields) if (f.visible) out.push(...effective(f).errors.map((e) => ({ ...e, location: f.location })));
    for (const sec of lastView.sections) {
      const entry = sectionEls.get(sec.id);
      if (sec.visible && entry?.section.repeat) out.push(...sec.errors.map((e) => ({ ...e, location: e.location ?? entry.section.repeat.bind })));
    }
    out.push(...(lastView.formErrors ?? []));
    return out;
  }

  // A change names only the field and section states that differ (all of them when rows were added, removed or
  // moved): only those are drawn.
  const onChange = (change) => {
    changeAt = performance.now();  // (the in-page benchmark splits the core's time from the page's)
    if (change.full) {
      applyView(applyChange(lastView, change));
    } else {
      const { fields } = lastView;  // updated in place by applyFields (by location, without copying 1,800 states)
      lastView = { ...applyChange({ ...lastView, fields: [] }, { ...change, fields: [] }), fields };
      const shown = showSectionErrors();
      applySections(shown !== sectionErrorsShown ? lastView.sections : change.sections);
      sectionErrorsShown = shown;
      applyFields(change.fields);
      // The locations the edit touched are drawn even when their state did not change (they show errors now).
      if (change.fields.length !== change.locations.length)
        for (const loc of change.locations) {
          const i = fieldIndex.get(loc);
          if (i !== undefined && !change.fields.some((f) => f.location === loc)) draw(lastView.fields[i]);
        }
      applySummary(change);
    }
    if (submitAttempted && !summary.hidden) showSummary(liveErrors(), false);
    drawnAt = performance.now();
  };
  // Attachments and rows are saved through their own calls, not edit().
  const onSaved = () => { if (!pending.size && saveState.textContent !== t('form.saved')) saveState.textContent = t('form.saved'); };
  const onReset = (v) => applyView(v);
  listen(draft);

  const formEl = h('form', { class: 'application', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    submitAttempted = true;
    submit.disabled = true;
    try {
      const queued = await (await live()).submit();
      pendingByDraft.delete(id);
      announce(navigator.onLine ? t('form.sentNow') : t('form.queued'), 'success');
      go(`#/case/${queued.id}?new=1`);
    } catch (err) {
      if (err?.code === 'store.incomplete') {
        applyView(draft.view());
        showSummary(err.fieldErrors ?? []);
        summary.focus();
      } else {
        announce(errorText(err), 'error');
      }
    } finally {
      submit.disabled = false;
    }
  } },
  summary,
  stepNav,
  pagesBox,
  h('div', { class: 'form-actions' }, prev, next, submit,
    h('button', { type: 'button', class: 'link-button danger', onclick: async () => {
      if (!confirm(t('form.deleteConfirm'))) return;
      await profile.deleteDraft(id);
      pendingByDraft.delete(id);
      go('#/drafts');
    } }, t('form.delete'))));

  add(main, 
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/item/${encodeURIComponent(draft.itemId)}` }, t('guide.title'))),
    h('h1', {}, lt(draft.title)),
    draft.migration ? h('p', { class: 'notice' }, t('form.migrated')) : null,
    h('div', { class: 'form-status' }, h('div', { class: 'completeness' }, progressLabel, progress), saveState),
    formEl);

  applyView(lastView);
  defaultCheckboxes(lastView.fields);
  showPage(pageIndex, false);
  if (pending.size) void reopen();

  // Another tab took the profile and this tab took it back: open the draft again from storage (the other tab's
  // answers), apply any edit caught in between, and redraw in place (focus and typing are not disturbed).
  const onReopened = () => { if (draft.closed) void reopen(); };
  window.addEventListener('wangban:reopened', onReopened);
  return () => {
    window.removeEventListener('wangban:reopened', onReopened);
    if (!draft.closed) draft.close();
    if (window.__wangbanDraft === draft) window.__wangbanDraft = null;
  };
}
