// Writes the 1,000-field benchmark form (schema + a valid instance) into the folder given as argument:
// 20 sections × 50 fields, mixing strings with lengths and patterns, integers, money, enums, dates and
// Chinese identifiers. Deterministic (no randomness) so every run measures the same data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? '.';
mkdirSync(out, { recursive: true });
const properties = {};
const data = {};
for (let s = 0; s < 20; s++) {
  const sp = {}, sd = {}, req = [];
  for (let f = 0; f < 50; f++) {
    const k = `f${f}`;
    switch (f % 10) {
      case 0: sp[k] = { type: 'string', minLength: 1, maxLength: 40 }; sd[k] = `第${s}节第${f}项`; break;
      case 1: sp[k] = { type: 'integer', minimum: 0, maximum: 1000 }; sd[k] = (s * 50 + f) % 1000; break;
      case 2: sp[k] = { type: 'number', minimum: 0, multipleOf: 0.01 }; sd[k] = 1234.5 + f; break;
      case 3: sp[k] = { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] }; sd[k] = 'c'; break;
      case 4: sp[k] = { type: 'string', format: 'date' }; sd[k] = '2024-02-29'; break;
      case 5: sp[k] = { type: 'string', format: 'cn-mobile' }; sd[k] = '13800138000'; break;
      case 6: sp[k] = { type: 'boolean' }; sd[k] = f % 4 === 0; break;
      case 7: sp[k] = { type: 'string', pattern: '^[A-Z]{2}[0-9]{4}$' }; sd[k] = 'AB1234'; break;
      case 8: sp[k] = { type: 'string', format: 'cn-resident-id' }; sd[k] = '11010519491231002X'; break;
      default: sp[k] = { type: 'string', format: 'cn-postcode' }; sd[k] = '100022'; break;
    }
    if (f % 2 === 0) req.push(k);
  }
  properties[`s${s}`] = { type: 'object', properties: sp, required: req, additionalProperties: false };
  data[`s${s}`] = sd;
}
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
};
writeFileSync(join(out, 'form1000.schema.json'), JSON.stringify(schema, null, 1));
writeFileSync(join(out, 'form1000.data.json'), JSON.stringify(data, null, 1));
