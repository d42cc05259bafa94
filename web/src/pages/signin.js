// Unified sign-in (统一身份认证): a resident ID number or a unified social credit code, and a password.

import { h, add } from '../dom.js';
import { t, lang } from '../i18n.js';
import { signIn } from '../session.js';
import { go } from '../router.js';

export function renderSignIn(main, params, query) {
  const next = query.get('next') || '#/drafts';
  const error = h('div', { id: 'signin-error', class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const account = h('input', { id: 'account', name: 'account', type: 'text', autocomplete: 'username', required: true, 'aria-describedby': 'account-hint', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'button' }, t('signin.submit'));
  const form = h('form', { class: 'narrow', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!account.value.trim() || !password.value) {
      error.textContent = t('signin.missing');
      error.hidden = false;
      error.focus();
      return;
    }
    if (!navigator.onLine) {
      error.textContent = t('signin.offline');
      error.hidden = false;
      error.focus();
      return;
    }
    button.disabled = true;
    try {
      await signIn(account.value, password.value);
      go(next);
    } catch (err) {
      error.textContent = err?.messages?.[lang()] ?? err?.message ?? String(err);
      error.hidden = false;
      error.focus();
    } finally {
      button.disabled = false;
    }
  } },
  error,
  h('div', { class: 'field' },
    h('label', { for: 'account' }, t('signin.account')),
    h('p', { class: 'hint', id: 'account-hint' }, t('signin.accountHelp')),
    account),
  h('div', { class: 'field' }, h('label', { for: 'password' }, t('signin.password')), password),
  button,
  h('p', { class: 'hint demo' }, t('signin.demo')));
  add(main, h('h1', {}, t('signin.title')), form);
}
