// A consumer of the package, compiled with `tsc --noEmit` against the built declarations (test/types.test.mjs):
// the public API type-checks as documented in README.md.

import {
  openProfile, isWangbanError, ERROR_CODES, WangbanError, applyChange,
  type AttachmentRef, type CatalogItem, type Draft, type DraftChange, type DraftView, type ErrorCode, type OutboxItem, type Profile,
  type SyncStatus, type UploadProgress,
} from 'wangban';

async function main(): Promise<void> {
  const profile: Profile = await openProfile('张三', { server: 'https://gov.example.cn', onBusy: 'fail', lang: 'en' });
  const persisted: boolean | null = profile.persisted;
  void persisted;
  const items: CatalogItem[] = await profile.catalog({ audience: 'citizen', visits: 0, q: '住房' });
  const guide = await profile.guide(items[0].id);
  console.log(guide.title['zh-CN'], guide.downloads.map((d) => d.url));

  const account = await profile.sync.signIn('11010519491231002X', 'wangban-demo');
  console.log(account.displayName);

  const draft: Draft = await profile.newDraft('low-rent-housing');
  let view: DraftView = draft.view();
  const off = draft.on('change', (c: DraftChange) => {
    // Only what changed (everything when c.full); applyChange keeps a whole view up to date.
    for (const f of c.fields) console.log(f.location, f.visible, f.errors.map((e) => e.message.en));
    const full: boolean = c.full;
    view = applyChange(view, c);
    console.log(full, view.fields.length, view.errorCount);
  });
  await draft.set('/applicant/name', '张三');
  const row = await draft.addRow('/household', { name: '李四' });
  console.log(row.row);
  await draft.attach('/attachments/idCard', new Uint8Array(10), { name: 'id.pdf', mediaType: 'application/pdf' });
  off();
  try {
    const item: OutboxItem = await draft.submit();
    console.log(item.state, item.receipt?.acceptanceNumber);
  } catch (e) {
    if (isWangbanError(e, 'store.incomplete')) console.log(e.fieldErrors.length, e.text('zh-CN'));
    else if (e instanceof WangbanError) {
      const code: ErrorCode = e.code;
      console.log(code, ERROR_CODES[code], e.number);
    }
  }
  profile.sync.on('status', (s: SyncStatus) => console.log(s.queued, s.offline));
  profile.sync.on('upload', (p: UploadProgress) => console.log(p.sha256, p.offset / p.size));
  const ref: AttachmentRef = await profile.uploads.upload(new Uint8Array(3), { name: 'a.pdf', mediaType: 'application/pdf', onProgress: (sent, size) => console.log(sent, size) });
  await profile.cases.supplement('case_1', { data: { attachments: { idCard: ref } }, note: '补正' });
  const status = await profile.sync.now();
  console.log(status.accepted);
  const slots = await profile.appointments.slots({ itemId: 'marriage-registration-appointment' });
  const hold = await profile.appointments.hold(slots[0].slotId);
  await profile.appointments.book(hold.holdId);
  await profile.consultations.ask('low-rent-housing', '?');
  await profile.ratings.rate('case_1', 5, '满意');
  for (const item of await profile.outbox()) console.log(await profile.statusHistory(item.id));
  await profile.close();
}

// @ts-expect-error: codes outside the table are not ErrorCodes
const wrong: ErrorCode = 'not.a.code';
void wrong;
void main;
