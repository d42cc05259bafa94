// Reads the form's JSON Schema at a field's data path ("/household/*/monthlyIncome"), to know whether a widget's
// value is a number or a string, one file or a list, a structured address or one line.

function deref(root, s) {
  let guard = 0;
  while (s && typeof s === 'object' && typeof s.$ref === 'string' && s.$ref.startsWith('#/') && guard++ < 16) {
    s = s.$ref.slice(2).split('/').reduce((o, k) => (o ? o[k.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined), root);
  }
  return s ?? {};
}

export function schemaAt(root, dataPath) {
  let s = deref(root, root);
  for (const raw of dataPath.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (key === '*' || /^\d+$/.test(key)) s = deref(root, s.items ?? {});
    else s = deref(root, s.properties?.[key] ?? {});
  }
  return s;
}

export function typesOf(s) {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.enum) && s.enum.length) return [...new Set(s.enum.map((v) => (typeof v === 'number' ? 'number' : typeof v)))];
  return [];
}
