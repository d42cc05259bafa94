// Regenerates js_cases.json from js_cases.source.json: the expected value of each [rule, data] is what the
// reference implementation, json-logic-js (node_modules/json-logic-js), computes, serialized with
// JSON.stringify (so NaN and Infinity read as null, as Wangban documents). Run from the repository root:
//   node tests/core/logic/gen_js_cases.js
const fs = require('fs');
const path = require('path');
const jsonLogic = require(path.resolve('node_modules/json-logic-js'));
const here = path.dirname(__filename);
const source = JSON.parse(fs.readFileSync(path.join(here, 'js_cases.source.json'), 'utf8'));
const quietLog = console.log;
const out = source.map((c) => {
  if (typeof c === 'string') return c;
  console.log = () => {};
  let expected;
  try {
    expected = jsonLogic.apply(c[0], c[1]);
  } finally {
    console.log = quietLog;
  }
  return [c[0], c[1], expected === undefined ? null : JSON.parse(JSON.stringify(expected))];
});
fs.writeFileSync(path.join(here, 'js_cases.json'),
  '[\n' + out.map((c) => '  ' + JSON.stringify(c)).join(',\n') + '\n]\n');
console.log(`js_cases.json: ${out.filter((c) => typeof c !== 'string').length} cases`);
