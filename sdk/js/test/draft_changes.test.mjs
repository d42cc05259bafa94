// A draft's change events carry only what changed in its view; applyChange() over them keeps a whole view exactly
// equal to draft.view(), through ordinary edits, cascades, rows added, moved and removed, and a reopened profile.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { definition, exampleData, freshIndexedDB, loadSdk } from './helpers.mjs';

const ITEM = 'low-rent-housing';
let sdk;

before(async () => {
  sdk = await loadSdk();
});

async function openDraft(name, indexedDB = freshIndexedDB()) {
  const profile = await sdk.openProfile(name, { indexedDB, autoSync: false });
  await profile.cacheForms([definition(ITEM)]);
  return { profile, draft: await profile.newDraft(ITEM), indexedDB };
}

test('an edit reports the states that differ; applied in turn, the changes give draft.view()', async () => {
  const { profile, draft } = await openDraft('changes');
  let view = draft.view();
  const events = [];
  draft.on('change', (c) => events.push(c));

  // A new draft holds its required sections' objects, so each required field says so itself from the start; the
  // first answer changes its own field's state and nothing else's.
  const before = view.fields.find((f) => f.location === '/applicant/idNumber');
  assert.deepEqual(before?.errors.map((e) => e.code), ['validate.required']);
  const first = await draft.set('/applicant/name', '张');
  assert.equal(events.at(-1), first, "the promise resolves with the 'change' event's object");
  assert.equal(first.full, false);
  assert.deepEqual(first.locations, ['/applicant/name']);
  assert.ok(first.fields.some((f) => f.location === '/applicant/name'), 'the edited field is in the change');
  assert.ok(!first.fields.some((f) => f.location === '/applicant/idNumber'), 'an untouched field is not');
  view = sdk.applyChange(view, first);
  assert.deepEqual(view, draft.view());

  const name = await draft.set('/applicant/name', '张三');  // now only the name's own state changes
  assert.deepEqual(name.fields.map((f) => f.location), ['/applicant/name']);
  assert.deepEqual(name.sections, []);
  view = sdk.applyChange(view, name);
  assert.deepEqual(view, draft.view());

  // Every answer of the sample application, one by one (objects, lists of rows, cascades), then some undone.
  const data = exampleData(ITEM);
  delete data.attachments;
  delete data.totalIncome;  // computed: the household's incomes give them
  delete data.incomePerPerson;
  let reported = 0;
  let partial = 0;
  for (const [key, value] of Object.entries(data)) {
    const change = await draft.set(`/${key}`, value);
    if (!change.full) {
      partial += 1;
      reported += change.fields.length;
    }
    view = sdk.applyChange(view, change);
    assert.deepEqual(view, draft.view(), `after setting /${key}`);
  }
  for (const pointer of ['/applicant/name', '/housing', '/household/0/name']) {
    view = sdk.applyChange(view, await draft.clear(pointer));
    assert.deepEqual(view, draft.view(), `after clearing ${pointer}`);
  }
  const total = draft.view().fields.length;
  assert.ok(partial > 0 && reported < partial * total, `${reported} states in ${partial} edits of a ${total}-state form`);

  // Rows added, moved and removed change the set of states: the change is full.
  const added = await draft.addRow('/household', { name: '李四' });
  assert.equal(added.full, true);
  assert.equal(added.fields.length, draft.view().fields.length);
  view = sdk.applyChange(view, added);
  assert.deepEqual(view, draft.view());
  view = sdk.applyChange(view, await draft.moveRow('/household', added.row, 0));
  assert.deepEqual(view, draft.view());
  const edited = await draft.set(`/household/0/name`, '王五');
  assert.equal(edited.full, false);
  view = sdk.applyChange(view, edited);
  assert.deepEqual(view, draft.view());
  view = sdk.applyChange(view, await draft.removeRow('/household', 0));
  assert.deepEqual(view, draft.view());
  await profile.close();
});

test('a draft opened again starts from its stored view; the changes follow from there', async () => {
  const indexedDB = freshIndexedDB();
  let { profile, draft } = await openDraft('reopen', indexedDB);
  await draft.set('/applicant/name', '张三');
  const id = draft.id;
  await profile.close();
  profile = await sdk.openProfile('reopen', { indexedDB, autoSync: false });
  draft = await profile.openDraft(id);
  let view = draft.view();
  assert.equal(view.fields.find((f) => f.location === '/applicant/name').value, '张三');
  const change = await draft.set('/applicant/name', '李四');
  assert.equal(change.full, false);
  view = sdk.applyChange(view, change);
  assert.deepEqual(view, draft.view());
  await profile.close();
});
