// My applications (我的办件): the outbox on this device (queued until online, then delivered with an acceptance
// number) and each case's progress from the server: timeline, supplement requests (补正) and answering them,
// results, and the five-level rating (好差评).

import { h, clear, announce, add } from '../dom.js';
import { t, lt, lang, fmtDate, fmtSize } from '../i18n.js';
import { ready, on, session } from '../session.js';
import { ensureForm } from '../api.js';
import { schemaAt, typesOf } from '../form/schema.js';

function errorText(e) {
  return e?.messages?.[lang()] ?? e?.message ?? String(e);
}

function stateLabel(item) {
  return t(`state.${item.state}`);
}

/** Why an application needs attention: sign in again, or the server's refusal (in the language chosen now). */
function attentionText(item) {
  if (item.attention === 'sign_in') return t('cases.signinAgain');
  const err = item.lastError?.error;
  return t('cases.notAccepted', { msg: err?.messages?.[lang()] || err?.messages?.['zh-CN'] || err?.message || err?.code || item.attention || '' });
}

function needProfile(main, next) {
  add(main, h('p', {}, t('signin.required'), ' ', h('a', { href: `#/signin?next=${encodeURIComponent(next)}` }, t('signin'))));
}

// Outbox and status changes so far. A page reads the outbox, then waits on the network (the server's cases)
// before it listens for changes: one that lands in between (an application delivered just after going online)
// would leave the page showing it queued for good, so a page drawn from an older state draws itself again.
let changes = 0;
on('event', (e) => { if (/^(outbox|status)\./.test(e.kind)) changes += 1; });

/** Re-renders the page when the outbox or a case's status changes (e.g. delivered after going online). `seen`:
 * the count of changes when the page read the outbox. */
function liveUpdates(profile, seen) {
  let timer = null;
  // A queued application's attachments as the SDK sends them (resumable chunks).
  const offUpload = profile?.sync.on?.('upload', (u) => {
    for (const bar of document.querySelectorAll(`progress[data-sha256="${u.sha256}"]`)) bar.value = u.size ? Math.round((u.offset / u.size) * 100) : 100;
  });
  // A background redraw: main.js does not let it wipe what the person has started entering (a rating, a supplement).
  const redraw = () => window.dispatchEvent(new CustomEvent('wangban:rerender', { detail: { background: true } }));
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(redraw, 100);
  };
  const offEvent = on('event', (e) => {
    if (/^(outbox|status)\./.test(e.kind)) refresh();
  });
  const onOnline = redraw;
  window.addEventListener('online', onOnline);
  if (changes !== seen) refresh();
  return () => {
    if (typeof offUpload === 'function') offUpload();
    offEvent();
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
  };
}

export async function renderCases(main) {
  add(main, h('h1', {}, t('cases.title')));
  const profile = await ready();
  if (!profile) return needProfile(main, '#/cases');
  const seen = changes;
  const outbox = (await profile.outbox()).sort((a, b) => b.createdAt - a.createdAt);
  let serverCases = null;
  if (navigator.onLine) {
    try {
      serverCases = (await profile.cases.list({ limit: 50 })).cases;
    } catch (e) {
      console.warn('cases', e);
    }
  }
  const byCase = new Map((serverCases ?? []).map((c) => [c.caseId, c]));
  const status = session.syncStatus;
  add(main, h('h2', {}, t('cases.outbox')));
  if (!outbox.length && !(serverCases ?? []).length) add(main, h('p', { class: 'empty' }, t('cases.none')));
  if (status?.needsSignIn) add(main, h('p', { class: 'notice' }, t('cases.signinAgain'), ' ', h('a', { href: '#/signin?next=%23%2Fcases' }, t('signin'))));
  add(main, h('ul', { class: 'cards', id: 'outbox-list' }, outbox.map((item) => {
    const c = item.receipt ? byCase.get(item.receipt.caseId) : null;
    return h('li', { class: `card outbox-${item.state}`, dataset: { outboxId: item.id } },
      h('h3', { class: 'card-title' }, h('a', { href: `#/case/${item.id}` }, lt(item.title))),
      h('p', { class: 'card-meta' },
        h('span', { class: `badge badge-state-${item.state}` }, stateLabel(item)),
        item.receipt ? h('span', { class: 'acceptance' }, t('cases.acceptance'), t('punct.colon'), h('strong', { class: 'acceptance-number' }, item.receipt.acceptanceNumber)) : null,
        c ? h('span', { class: `badge badge-case-${c.state}` }, t(`case.${c.state}`)) : null,
        h('span', {}, t('cases.submittedAt'), ' ', fmtDate(item.createdAt))),
      item.state === 'needs_attention' ? h('p', { class: 'field-error' }, attentionText(item)) : null,
      !item.receipt && item.attachments?.length ? uploadBars(item) : null);
  })));
  const local = new Set(outbox.filter((o) => o.receipt).map((o) => o.receipt.caseId));
  const others = (serverCases ?? []).filter((c) => !local.has(c.caseId));
  if (others.length) {
    add(main, h('h2', {}, t('cases.serverCases')), h('ul', { class: 'cards' }, others.map((c) => h('li', { class: 'card' },
      h('h3', { class: 'card-title' }, h('a', { href: `#/case/c-${encodeURIComponent(c.caseId)}` }, lt(c.title) || c.itemId)),
      h('p', { class: 'card-meta' },
        h('span', { class: `badge badge-case-${c.state}` }, t(`case.${c.state}`)),
        h('span', {}, t('cases.acceptance'), t('punct.colon'), h('strong', {}, c.acceptanceNumber)),
        h('span', {}, t('cases.due', { d: c.dueDate })))))));
  }
  if (serverCases === null) add(main, h('p', { class: 'hint' }, t('cases.needsOnline')));
  return liveUpdates(profile, seen);
}

function uploadBars(item) {
  return h('ul', { class: 'upload-list' }, item.attachments.map((a, i) => {
    const id = `up-${item.id}-${i}`;
    return h('li', { class: 'progress-row' }, h('label', { for: id }, t('case.uploadOf', { name: a.name })),
      h('progress', { id, max: 100, value: 0, dataset: { sha256: a.sha256 } }));
  }));
}

function timeline(entries) {
  return h('ol', { class: 'timeline', id: 'timeline' }, entries.map((e) => h('li', { class: `timeline-${e.kind}` },
    h('p', { class: 'timeline-head' }, h('strong', {}, t(`event.${e.kind}`) !== `event.${e.kind}` ? t(`event.${e.kind}`) : e.kind),
      e.state ? [' · ', t(`case.${e.state}`)] : null,
      h('time', { datetime: new Date(e.at).toISOString() }, fmtDate(e.at))),
    e.note ? h('p', {}, e.note) : null,
    (e.missing ?? []).length ? h('ul', {}, e.missing.map((m) => h('li', {}, lt(m.name) || m.materialId || m.field, m.reason ? `：${lt(m.reason)}` : ''))) : null)));
}

export async function renderCase(main, { outboxId }, query) {
  add(main, h('p', { class: 'breadcrumb' }, h('a', { href: '#/cases' }, t('cases.title'))));
  const profile = await ready();
  if (!profile) return needProfile(main, `#/case/${outboxId}`);
  const seen = changes;
  let item = null;
  let caseId = null;
  if (outboxId.startsWith('c-')) caseId = outboxId.slice(2);
  else {
    item = await profile.outboxItem(Number(outboxId));
    caseId = item.receipt?.caseId ?? null;
  }
  let detail = null;
  if (caseId && navigator.onLine) {
    try {
      detail = await profile.cases.get(caseId);
    } catch (e) {
      console.warn('case', e);
    }
  }
  add(main, h('h1', {}, lt(item?.title ?? detail?.title) || t('case.title')));

  if (item && !item.receipt) {
    const queuedText = navigator.onLine ? t('form.sentNow') : t('form.queued');
    add(main, h('div', { class: 'panel panel-queued', id: 'case-state' },
      h('p', { class: 'big' }, h('span', { class: `badge badge-state-${item.state}` }, stateLabel(item))),
      h('p', {}, item.state === 'needs_attention' ? attentionText(item) : queuedText),
      item.attachments?.length ? uploadBars(item) : null));
  }
  const acceptance = item?.receipt?.acceptanceNumber ?? detail?.acceptanceNumber;
  if (acceptance) {
    add(main, h('div', { class: 'panel panel-accepted', id: 'case-state' },
      h('p', {}, t('cases.acceptance'), t('punct.colon'), h('strong', { class: 'acceptance-number' }, acceptance)),
      detail ? h('p', {}, h('span', { class: `badge badge-case-${detail.state}` }, t(`case.${detail.state}`)), ' ', t('cases.due', { d: detail.dueDate })) : null));
  }

  if (detail) {
    if (detail.departments?.length > 1) {
      add(main, h('h2', {}, t('case.departments')), h('ul', { class: 'plain-list' }, detail.departments.map((d) =>
        h('li', {}, lt(d.name) || d.department, t('punct.colon'), t(`case.${d.state}`)))));
    }
    add(main, h('h2', {}, t('case.timeline')), timeline(detail.events.map((e) => ({
      kind: e.kind, state: e.state, at: e.at, note: e.detail?.note, missing: e.detail?.missing,
    }))));
    if (detail.state === 'supplement_requested') add(main, await supplementForm(profile, detail));
    if (detail.results?.length) {
      add(main, h('h2', {}, t('case.results')), h('ul', { class: 'downloads' }, detail.results.map((r) =>
        h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: async () => {
          const { bytes, mediaType } = await profile.cases.result(detail.caseId, r.resultId);
          const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
          const a = h('a', { href: url, download: r.name });
          add(document.body, a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        } }, t('case.download', { name: r.name })), h('span', { class: 'hint' }, ` ${fmtSize(r.size)}`)))));
    }
    if (detail.completedAt || detail.state === 'rejected' || detail.state === 'result_available') add(main, await ratingForm(profile, detail));
  } else if (item) {
    const history = await profile.statusHistory(item.id);
    if (history.length) {
      add(main, h('p', { class: 'hint' }, navigator.onLine ? '' : t('case.offline')),
        h('h2', {}, t('case.timeline')),
        timeline(history.map((s) => ({ kind: s.status === 'submitted' ? 'submitted' : 'status', state: s.status, at: s.at, note: s.detail?.note, missing: s.detail?.missing }))));
    } else if (!navigator.onLine && item.receipt) add(main, h('p', { class: 'hint' }, t('cases.needsOnline')));
  }
  return liveUpdates(profile, seen);
}

// ---- supplements (补正)

function setPath(obj, dataPath, value) {
  const keys = dataPath.split('/').slice(1);
  let o = obj;
  keys.slice(0, -1).forEach((k) => { o = o[k] ?? (o[k] = {}); });
  o[keys[keys.length - 1]] = value;
}

function getPath(obj, dataPath) {
  return dataPath.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

async function supplementForm(profile, detail) {
  const request = [...detail.events].reverse().find((e) => e.kind === 'supplement_requested');
  const missing = request?.detail?.missing ?? [];
  const doc = await ensureForm(profile, detail.itemId).catch(() => null);
  const fields = doc ? doc.layout.pages.flatMap((p) => p.sections.filter((s) => !s.repeat).flatMap((s) => s.fields)) : [];
  const inputs = [];
  const box = h('section', { class: 'panel panel-supplement', 'aria-labelledby': 'supp-title', id: 'supplement' },
    h('h2', { id: 'supp-title' }, t('case.supplement')), h('p', {}, t('case.supplementHelp')));
  const errorBox = h('p', { class: 'field-error', role: 'alert', hidden: true });
  add(box, errorBox);
  missing.forEach((m, i) => {
    const idBase = `supp-${i}`;
    const name = lt(m.name) || m.materialId || m.field;
    const reason = m.reason ? h('p', { class: 'hint', id: `${idBase}-hint` }, lt(m.reason)) : null;
    if (m.materialId) {
      const field = fields.find((f) => f.material === m.materialId);
      const input = h('input', { type: 'file', id: idBase, 'aria-describedby': reason ? `${idBase}-hint` : undefined, accept: field?.accept?.mediaTypes?.join(',') });
      const bar = h('progress', { id: `${idBase}-progress`, max: 100, value: 0, hidden: true });
      const barLabel = h('label', { for: `${idBase}-progress`, hidden: true });
      inputs.push({ kind: 'file', m, field, input, bar, barLabel });
      add(box, h('div', { class: 'field' }, h('label', { for: idBase }, name), reason, input, h('div', { class: 'progress-row' }, barLabel, bar)));
    } else {
      const field = fields.find((f) => f.id === m.field);
      const input = h('input', { type: 'text', id: idBase, 'aria-describedby': reason ? `${idBase}-hint` : undefined, value: field ? String(getPath(detail.data, field.dataPath) ?? '') : '' });
      inputs.push({ kind: 'field', m, field, input });
      add(box, h('div', { class: 'field' }, h('label', { for: idBase }, field ? lt(field.label) : name), reason, input));
    }
  });
  const note = h('textarea', { id: 'supp-note', rows: 3 });
  add(box, h('div', { class: 'field' }, h('label', { for: 'supp-note' }, t('case.supplementNote')), note));
  const send = h('button', { type: 'submit', class: 'button' }, t('case.supplementSend'));
  const form = h('form', { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    send.disabled = true;
    try {
      const patch = {};
      for (const x of inputs) {
        if (x.kind === 'file') {
          const file = x.input.files[0];
          if (!file) continue;
          x.bar.hidden = false;
          x.barLabel.hidden = false;
          x.barLabel.textContent = t('case.uploading', { name: file.name });
          const ref = await profile.uploads.upload(file, {
            name: file.name, mediaType: file.type || 'application/octet-stream', chunkBytes: 256 * 1024,
            onProgress: (sent, size) => { x.bar.value = size ? Math.round((sent / size) * 100) : 100; },
          });
          if (!x.field) continue;
          const existing = getPath(detail.data, x.field.dataPath);
          const list = typesOf(schemaAt(doc.definition.schema ?? {}, x.field.dataPath)).includes('array');
          setPath(patch, x.field.dataPath, list ? [...(Array.isArray(existing) ? existing : []), ref] : ref);
        } else if (x.field && x.input.value.trim() !== '') {
          setPath(patch, x.field.dataPath, x.input.value.trim());
        }
      }
      await profile.cases.supplement(detail.caseId, { data: patch, note: note.value.trim() || undefined });
      announce(t('case.supplementSent'), 'success');
      window.dispatchEvent(new CustomEvent('wangban:rerender'));
    } catch (err) {
      errorBox.textContent = errorText(err);
      errorBox.hidden = false;
    } finally {
      send.disabled = false;
    }
  } }, box, send);
  return form;
}

// ---- rating (好差评)

async function ratingForm(profile, detail) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'rating-title', id: 'rating' }, h('h2', { id: 'rating-title' }, t('rating.title')));
  try {
    const r = await profile.ratings.get(detail.caseId);
    add(box, h('p', {}, t('rating.done', { level: t(`rating.${r.level}`) })), r.comment ? h('p', { class: 'hint' }, r.comment) : null);
    return box;
  } catch {
    /* not rated yet */
  }
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const levels = [5, 4, 3, 2, 1].map((n) => h('div', { class: 'choice' },
    h('input', { type: 'radio', name: 'rating-level', id: `rating-${n}`, value: String(n) }),
    h('label', { for: `rating-${n}` }, `${'★'.repeat(n)}${'☆'.repeat(5 - n)} `, t(`rating.${n}`))));
  const comment = h('textarea', { id: 'rating-comment', rows: 3, maxlength: 500 });
  add(box, h('form', { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const chosen = box.querySelector('input[name=rating-level]:checked');
    if (!chosen) {
      error.textContent = t('rating.choose');
      error.hidden = false;
      return;
    }
    try {
      await profile.ratings.rate(detail.caseId, Number(chosen.value), comment.value.trim() || undefined);
      window.dispatchEvent(new CustomEvent('wangban:rerender'));
    } catch (err) {
      error.textContent = errorText(err);
      error.hidden = false;
    }
  } },
  h('fieldset', { class: 'choices rating' }, h('legend', {}, t('rating.legend')), error, levels),
  h('div', { class: 'field' }, h('label', { for: 'rating-comment' }, t('rating.comment')), comment),
  h('button', { type: 'submit', class: 'button' }, t('rating.send'))));
  return box;
}
