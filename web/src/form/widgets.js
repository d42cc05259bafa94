// One control per widget type of docs/form-format.md. A control is built from the layout field and the schema at
// its data path; it reports edits through `edit(value)` / `clear()` / `attach(file)` and shows the core's state
// (value, visible, required, read-only, errors) through `update(state)`.

import { h, nextId, add } from '../dom.js';
import { t, lt, fmtSize, fmtTypes } from '../i18n.js';
import { schemaAt, typesOf } from './schema.js';

const TEXT_INPUT = {
  text: { type: 'text' },
  'resident-id': { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 18, inputmode: 'text' },
  uscc: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 18 },
  mobile: { type: 'tel', autocomplete: 'tel-national', inputmode: 'numeric', maxlength: 11 },
  postcode: { type: 'text', autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 6 },
  email: { type: 'email', autocomplete: 'email', spellcheck: 'false' },
  date: { type: 'date' },
  number: { type: 'text', inputmode: 'decimal' },
  money: { type: 'text', inputmode: 'decimal' },
};

function numberOrText(text, types) {
  const s = text.trim();
  if (types.includes('string') && !types.includes('number') && !types.includes('integer')) return s;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  return s;  // not a number: the core says so
}

// Writing a value the element already shows still costs a style and layout pass (and moves the caret): skip it.
function setIfChanged(el, prop, value) {
  if (el[prop] !== value) el[prop] = value;
}

function domId(location) {
  return 'f' + location.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '-' : '_'));
}

/**
 * Builds a field control. `ctx`: {schema (the root schema), location, onEdit(location, value), onClear(location),
 * onAttach(location, file, progress), onTouch(location)}.
 */
export function buildField(field, ctx) {
  const id = domId(ctx.location);
  const s = schemaAt(ctx.schema, field.dataPath);
  const types = typesOf(s);
  const labelText = lt(field.label);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const help = field.help ? h('p', { class: 'hint', id: hintId }, lt(field.help)) : null;
  const errorBox = h('p', { class: 'field-error', id: errorId, hidden: true });
  const reqMark = h('span', { class: 'req' });
  const wrapper = h('div', { class: `field field-${field.widget}`, dataset: { location: ctx.location, fieldId: field.id } });
  const describedBy = [help ? hintId : null, errorId].filter(Boolean).join(' ');
  let focusTarget = null;
  let setValue = () => {};
  let setReadOnly = () => {};
  let inputs = [];

  const edit = (v) => ctx.onEdit(ctx.location, v);
  const label = () => h('label', { for: id }, labelText, reqMark);

  switch (field.widget) {
    case 'textarea': {
      const el = h('textarea', { id, name: id, rows: 4, 'aria-describedby': describedBy, placeholder: field.placeholder ? lt(field.placeholder) : undefined });
      el.addEventListener('input', () => (el.value === '' ? ctx.onClear(ctx.location) : edit(el.value)));
      add(wrapper, label(), help, errorBox, el);
      inputs = [el];
      setValue = (v) => { setIfChanged(el, 'value', v == null ? '' : String(v)); };
      setReadOnly = (r) => { el.readOnly = r; };
      break;
    }
    case 'select': {
      const el = h('select', { id, name: id, 'aria-describedby': describedBy },
        h('option', { value: '' }, t('form.choose')),
        field.options.map((o, i) => h('option', { value: String(i) }, lt(o.label))));
      el.addEventListener('change', () => (el.value === '' ? ctx.onClear(ctx.location) : edit(field.options[Number(el.value)].value)));
      add(wrapper, label(), help, errorBox, el);
      inputs = [el];
      setValue = (v) => {
        const i = field.options.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(v));
        el.value = i < 0 ? '' : String(i);
      };
      setReadOnly = (r) => { el.disabled = r; };
      break;
    }
    case 'radio':
    case 'multiselect': {
      const multi = field.widget === 'multiselect';
      const legendId = `${id}-legend`;
      const boxes = field.options.map((o, i) => {
        const oid = `${id}-${i}`;
        const input = h('input', { type: multi ? 'checkbox' : 'radio', id: oid, name: id, value: String(i) });
        return { input, el: h('div', { class: 'choice' }, input, h('label', { for: oid }, lt(o.label))) };
      });
      const fs = h('fieldset', { class: 'choices', 'aria-describedby': describedBy },
        h('legend', { id: legendId }, labelText, reqMark), help, errorBox, boxes.map((b) => b.el));
      fs.addEventListener('change', () => {
        if (multi) {
          const vals = boxes.filter((b) => b.input.checked).map((b) => field.options[Number(b.input.value)].value);
          if (vals.length) edit(vals);
          else ctx.onClear(ctx.location);
        } else {
          const b = boxes.find((x) => x.input.checked);
          if (b) edit(field.options[Number(b.input.value)].value);
        }
      });
      add(wrapper, fs);
      inputs = boxes.map((b) => b.input);
      focusTarget = inputs[0];
      setValue = (v) => {
        const chosen = multi ? (Array.isArray(v) ? v : []) : [v];
        const keys = new Set(chosen.map((x) => JSON.stringify(x)));
        boxes.forEach((b, i) => { b.input.checked = v != null && keys.has(JSON.stringify(field.options[i].value)); });
      };
      setReadOnly = (r) => inputs.forEach((i) => { i.disabled = r; });
      break;
    }
    case 'checkbox': {
      const el = h('input', { type: 'checkbox', id, name: id, 'aria-describedby': describedBy });
      el.addEventListener('change', () => edit(el.checked));
      add(wrapper, h('div', { class: 'choice choice-single' }, el, h('label', { for: id }, labelText, reqMark)), help, errorBox);
      inputs = [el];
      setValue = (v) => { el.checked = v === true; };
      setReadOnly = (r) => { el.disabled = r; };
      break;
    }
    case 'address': {
      if (!types.includes('object')) return buildField({ ...field, widget: 'text' }, ctx);
      const parts = ['province', 'city', 'district', 'detail'].filter((k) => !s.properties || k in s.properties);
      const els = {};
      const fs = h('fieldset', { class: 'address', 'aria-describedby': describedBy },
        h('legend', {}, labelText, reqMark), help, errorBox,
        h('div', { class: 'address-parts' }, parts.map((k) => {
          const pid = `${id}-${k}`;
          els[k] = h('input', { id: pid, name: pid, type: 'text', autocomplete: { province: 'address-level1', city: 'address-level2', district: 'address-level3', detail: 'street-address' }[k] });
          return h('div', { class: `field address-${k}` }, h('label', { for: pid }, t(`form.address.${k}`)), els[k]);
        })));
      fs.addEventListener('input', () => {
        const v = {};
        for (const k of parts) if (els[k].value.trim() !== '') v[k] = els[k].value;
        if (Object.keys(v).length) edit(v);
        else ctx.onClear(ctx.location);
      });
      add(wrapper, fs);
      inputs = parts.map((k) => els[k]);
      focusTarget = inputs[0];
      setValue = (v) => parts.forEach((k) => { els[k].value = v && typeof v === 'object' && v[k] != null ? String(v[k]) : ''; });
      setReadOnly = (r) => inputs.forEach((i) => { i.readOnly = r; });
      break;
    }
    case 'file':
      return buildFileField(field, ctx, { id, types, labelText, help, errorBox, reqMark, wrapper, describedBy });
    case 'static': {
      const out = h('output', { id, class: 'static-value', 'aria-describedby': help ? hintId : undefined });
      add(wrapper, h('span', { class: 'label', id: `${id}-label` }, labelText), help, out);
      out.setAttribute('aria-labelledby', `${id}-label`);
      setValue = (v) => { setIfChanged(out, 'textContent', v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)); };
      break;
    }
    default: {
      const spec = TEXT_INPUT[field.widget] ?? TEXT_INPUT.text;
      const el = h('input', { id, name: id, ...spec, 'aria-describedby': describedBy, placeholder: field.placeholder ? lt(field.placeholder) : undefined });
      const numeric = field.widget === 'number' || (field.widget === 'money' && !types.includes('string'));
      el.addEventListener('input', () => {
        if (el.value === '') ctx.onClear(ctx.location);
        else edit(numeric ? numberOrText(el.value, types.length ? types : ['number']) : el.value);
      });
      const input = field.widget === 'money' ? h('div', { class: 'affix' }, h('span', { class: 'affix-text', 'aria-hidden': 'true' }, '¥'), el) : el;
      add(wrapper, label(), help, errorBox, input);
      inputs = [el];
      setValue = (v) => { setIfChanged(el, 'value', v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)); };
      setReadOnly = (r) => { el.readOnly = r; };
    }
  }
  for (const i of inputs) i.addEventListener('blur', () => ctx.onTouch(ctx.location));
  focusTarget = focusTarget ?? inputs[0] ?? null;

  let last = {};
  return {
    id,
    location: ctx.location,
    el: wrapper,
    focus() {
      focusTarget?.focus();
    },
    focusId: focusTarget?.id ?? id,
    update(state, showErrors) {
      if (state.visible !== last.visible) wrapper.hidden = !state.visible;
      if (state.required !== last.required) {
        reqMark.textContent = state.required ? t('form.requiredMark') : '';
        for (const i of inputs) if (i.type !== 'radio' && i.type !== 'checkbox' || field.widget === 'checkbox') i.toggleAttribute('aria-required', state.required);
      }
      if (state.readOnly !== last.readOnly) {
        setReadOnly(state.readOnly);
        wrapper.classList.toggle('is-readonly', state.readOnly);
      }
      const active = inputs.includes(document.activeElement);
      if (!active || state.readOnly) setValue(state.value);
      const errors = showErrors ? state.errors : [];
      const text = errors.map((e) => lt(e.message)).join('；');
      if (text !== errorBox.textContent) errorBox.textContent = text;
      errorBox.hidden = !text;
      wrapper.classList.toggle('has-error', Boolean(text));
      for (const i of inputs) {
        if (text) i.setAttribute('aria-invalid', 'true');
        else i.removeAttribute('aria-invalid');
      }
      last = state;
    },
  };
}

function buildFileField(field, ctx, p) {
  const { id, types, labelText, help, errorBox, reqMark, wrapper, describedBy } = p;
  const multiple = types.includes('array');
  const accept = field.accept?.mediaTypes ?? [];
  const limitId = `${id}-limit`;
  const input = h('input', { type: 'file', id, name: id, multiple, accept: accept.join(',') || undefined, 'aria-describedby': `${limitId} ${describedBy}`, class: 'file-input' });
  const files = h('ul', { class: 'file-list' });
  const progressBox = h('div', { class: 'file-progress', 'aria-live': 'polite' });
  let current = null;
  input.addEventListener('change', async () => {
    const chosen = [...input.files];
    input.value = '';
    for (const file of chosen) {
      const pid = nextId('progress');
      const bar = h('progress', { id: pid, max: 100, value: 0 });
      const row = h('div', { class: 'progress-row' }, h('label', { for: pid }, t('form.file.reading', { name: file.name })), bar);
      add(progressBox, row);
      try {
        await ctx.onAttach(ctx.location, file, (fraction) => { bar.value = Math.round(fraction * 100); });
      } finally {
        row.remove();
      }
    }
  });
  add(wrapper, 
    h('label', { for: id }, labelText, reqMark),
    help,
    h('p', { class: 'hint', id: limitId }, t('form.file.accepted', { types: fmtTypes(accept), size: fmtSize(field.accept?.maxSizeBytes ?? 0) })),
    errorBox,
    h('div', { class: 'file-picker' }, input),
    progressBox,
    files);
  input.addEventListener('blur', () => ctx.onTouch(ctx.location));

  function setValue(v) {
    if (JSON.stringify(v) === JSON.stringify(current)) return;
    current = v;
    const list = v == null ? [] : Array.isArray(v) ? v : [v];
    files.replaceChildren(...list.map((ref, i) => h('li', {},
      h('span', {}, t('form.file.stored', { name: ref.name, size: fmtSize(ref.size ?? 0) })),
      h('button', { type: 'button', class: 'link-button', onclick: () => {
        if (!multiple || list.length === 1) ctx.onClear(ctx.location);
        else ctx.onEdit(ctx.location, list.filter((_, j) => j !== i));
      } }, t('form.file.remove', { name: ref.name })))));
  }
  let last = {};
  return {
    id,
    location: ctx.location,
    el: wrapper,
    focusId: id,
    focus() {
      input.focus();
    },
    update(state, showErrors) {
      if (state.visible !== last.visible) wrapper.hidden = !state.visible;
      reqMark.textContent = state.required ? t('form.requiredMark') : '';
      input.disabled = state.readOnly;
      setValue(state.value);
      const text = (showErrors ? state.errors : []).map((e) => lt(e.message)).join('；');
      errorBox.textContent = text;
      errorBox.hidden = !text;
      wrapper.classList.toggle('has-error', Boolean(text));
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      last = state;
    },
  };
}
