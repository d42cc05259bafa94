// A small element builder: h('p', {class: 'x'}, 'text', child). Text is always set as text (never parsed as
// HTML), so answers and catalog text cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let uid = 0;
export function nextId(prefix = 'id') {
  return `${prefix}-${++uid}`;
}

/** Announces a message to screen readers (the polite live region) and shows it as a toast. */
export function announce(text, kind = 'info') {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  region.className = `toast toast-${kind}`;
  // A fresh text node makes screen readers speak the same message twice in a row.
  requestAnimationFrame(() => {
    region.textContent = text;
  });
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => {
    region.className = 'toast';
    region.textContent = '';
  }, 6000);
}

/** el.append() that skips null, undefined and false (the DOM's own append prints them as text). */
export function add(el, ...children) {
  return append(el, children);
}
