// Interface text in zh-CN (the default) and English. Text from the catalog and the core comes as
// {"zh-CN": "…", "en": "…"} and is picked with lt(); the interface's own words with t(key, args).

const STRINGS = {
  'site.name': ['网上办事大厅', 'Online Service Hall'],
  'site.tagline': ['一网通办 · 示例数据', 'One-stop government services · sample data'],
  'skip': ['跳到主要内容', 'Skip to main content'],
  'nav.label': ['主导航', 'Main navigation'],
  'nav.citizen': ['个人办事', 'For individuals'],
  'nav.enterprise': ['法人办事', 'For businesses'],
  'nav.drafts': ['我的草稿', 'My drafts'],
  'nav.cases': ['我的办件', 'My applications'],
  'nav.consult': ['在线咨询', 'Ask a question'],
  'nav.appointments': ['预约办理', 'Appointments'],
  'lang.switch': ['English', '中文'],
  'lang.switchLabel': ['Switch to English', '切换到中文'],
  'signin': ['登录', 'Sign in'],
  'signout': ['退出', 'Sign out'],
  'signedInAs': ['已登录：{name}', 'Signed in: {name}'],
  'net.online': ['在线', 'Online'],
  'net.offline': ['离线：可继续填写，联网后自动提交', 'Offline: keep filling in; applications send when online'],
  'net.queued': ['{n} 件待提交', '{n} waiting to send'],
  'net.syncing': ['正在同步…', 'Syncing…'],
  'storage.notPersistent': ['浏览器未承诺长期保存本站数据：请勿清除浏览数据，或将本站添加到主屏幕。',
    'The browser has not promised to keep this site’s data: do not clear browsing data, or install the site.'],
  'elsewhere': ['此账户正在另一个标签页中使用。点按本页任意处，即可在此继续。',
    'This account is open in another tab. Click or press any key here to continue in this tab.'],
  'loading': ['正在加载…', 'Loading…'],
  'error.generic': ['出错了：{msg}', 'Something went wrong: {msg}'],
  'error.offline': ['离线：此页面的内容尚未保存到本机，请联网后再试。', 'Offline: this page is not saved on this device. Try again when you are online.'],
  'notFound': ['找不到该页面', 'Page not found'],
  'back': ['返回', 'Back'],

  'catalog.title.citizen': ['个人办事', 'Services for individuals'],
  'catalog.title.enterprise': ['法人办事', 'Services for businesses'],
  'catalog.search': ['搜索事项', 'Search services'],
  'catalog.searchHint': ['输入事项名称、主题或关键词', 'A service name, topic or keyword'],
  'catalog.department': ['办理部门', 'Department'],
  'catalog.allDepartments': ['全部部门', 'All departments'],
  'catalog.visits': ['跑动次数', 'In-person visits'],
  'catalog.allVisits': ['不限', 'Any'],
  'catalog.filter': ['筛选', 'Filter'],
  'catalog.count': ['共 {n} 项', '{n} services'],
  'catalog.none': ['没有符合条件的事项。', 'No service matches.'],
  'catalog.timeLimit': ['承诺时限 {n} 个工作日', 'Promised within {n} working days'],
  'catalog.timeLimit0': ['即办', 'Done on the spot'],
  'catalog.offlineCopy': ['离线副本', 'Offline copy'],
  'visits.0': ['零跑腿', 'No visit needed'],
  'visits.1': ['跑一次', 'One visit'],
  'visits.2': ['跑两次', 'Two visits'],
  'visits.0.long': ['全程网办，无需到现场', 'Entirely online, no visit'],
  'visits.1.long': ['最多到现场一次', 'At most one visit in person'],
  'visits.2.long': ['需到现场两次', 'Two visits in person'],

  'guide.title': ['办事指南', 'Service guide'],
  'guide.apply': ['在线申请', 'Apply online'],
  'guide.signinToApply': ['登录后在线申请', 'Sign in to apply online'],
  'guide.ask': ['咨询此事项', 'Ask about this service'],
  'guide.book': ['预约到现场办理', 'Book a visit'],
  'guide.legalBasis': ['设定依据', 'Legal basis'],
  'guide.conditions': ['受理条件', 'Conditions'],
  'guide.procedure': ['办理流程', 'Procedure'],
  'guide.materials': ['申请材料', 'Materials'],
  'guide.department': ['受理部门', 'Accepting department'],
  'guide.location': ['办理地点', 'Where'],
  'guide.contact': ['咨询电话', 'Contact'],
  'guide.hours': ['办理时间', 'Opening hours'],
  'guide.timeLimit': ['办理时限', 'Time limit'],
  'guide.fees': ['收费标准', 'Fees'],
  'guide.free': ['不收费', 'Free of charge'],
  'guide.downloads': ['表格下载', 'Blank forms'],
  'guide.noDownloads': ['本事项无需下载表格。', 'No forms to download.'],
  'guide.promised': ['承诺 {n} 个工作日', 'Promised: {n} working days'],
  'guide.statutory': ['法定 {n} 个工作日', 'Statutory: {n} working days'],
  'guide.required': ['必需', 'Required'],
  'guide.optional': ['非必需', 'Optional'],
  'guide.eCert': ['可用电子证照', 'Electronic certificate accepted'],
  'guide.copies': ['{n} 份', '{n} copies'],
  'guide.types': ['格式：{types}；不超过 {size}', 'Formats: {types}; at most {size}'],
  'guide.noMaterials': ['无需提交材料。', 'No materials needed.'],
  'guide.departments': ['涉及部门', 'Departments'],
  'guide.parallel': ['并联审批', 'parallel review'],
  'guide.lead': ['牵头', 'lead'],
  'guide.role': ['（{role}）', ' ({role})'],
  'guide.downloadOffline': ['离线：“{name}”尚未保存到本机，请联网后下载。浏览过的事项指南，其表格会保存到本机。',
    'Offline: “{name}” is not saved on this device; download it when you are online. The blank forms of guides you have opened are saved on this device.'],
  'guide.downloadKept': ['已保存到本机，可离线下载', 'saved on this device'],
  'guide.downloadNeedsNet': ['需联网下载', 'needs a connection'],
  'punct.colon': ['：', ': '],
  'punct.list': ['、', ', '],
  'punct.semi': ['；', '; '],

  'signin.title': ['统一身份认证登录', 'Sign in (unified identity)'],
  'signin.account': ['账号', 'Account'],
  'signin.accountHelp': ['个人：居民身份证号码；企业：统一社会信用代码', 'Individuals: resident ID number; businesses: unified social credit code'],
  'signin.password': ['密码', 'Password'],
  'signin.submit': ['登录', 'Sign in'],
  'signin.offline': ['登录需要联网。', 'Signing in needs a network connection.'],
  'signin.demo': ['演示账号：个人 11010519491231002X，企业 91350100M000100Y43，密码 wangban-demo',
    'Demo accounts: individual 11010519491231002X, business 91350100M000100Y43, password wangban-demo'],
  'signin.required': ['请先登录。', 'Please sign in first.'],
  'signin.missing': ['请输入账号和密码', 'Enter your account and password'],

  'form.page': ['第 {n} 步，共 {total} 步', 'Step {n} of {total}'],
  'form.steps': ['填写步骤', 'Steps'],
  'form.next': ['下一步', 'Next'],
  'form.prev': ['上一步', 'Previous'],
  'form.submit': ['提交申请', 'Submit application'],
  'form.saved': ['已自动保存', 'Saved automatically'],
  'form.saving': ['正在保存…', 'Saving…'],
  'form.saveFailed': ['未能保存：{msg}', 'Not saved: {msg}'],
  'form.completeness': ['必填项已完成 {done}/{total}', 'Required answers: {done} of {total}'],
  'form.requiredMark': [' （必填）', ' (required)'],
  'form.optional': ['选填', 'optional'],
  'form.errorSummary': ['提交前请修改以下 {n} 处', 'There are {n} problems to fix before submitting'],
  'form.addRow': ['添加一行', 'Add a row'],
  'form.removeRow': ['删除第 {n} 行', 'Remove row {n}'],
  'form.row': ['第 {n} 行', 'Row {n}'],
  'form.rowsLimit': ['{min}–{max} 行', '{min}–{max} rows'],
  'form.noRows': ['尚未添加。', 'None added yet.'],
  'form.choose': ['请选择', 'Choose…'],
  'form.yes': ['是', 'Yes'],
  'form.file.choose': ['选择文件', 'Choose a file'],
  'form.file.accepted': ['格式：{types}；不超过 {size}', 'Formats: {types}; at most {size}'],
  'form.file.remove': ['移除 {name}', 'Remove {name}'],
  'form.file.reading': ['正在读取 {name}', 'Reading {name}'],
  'form.file.stored': ['已保存在本机：{name}（{size}）', 'Stored on this device: {name} ({size})'],
  'form.file.none': ['未选择文件', 'No file chosen'],
  'form.address.province': ['省', 'Province'],
  'form.address.city': ['市', 'City'],
  'form.address.district': ['区/县', 'District'],
  'form.address.detail': ['详细地址', 'Street address'],
  'form.computed': ['自动计算', 'Calculated'],
  'form.queued': ['已保存，联网后自动提交', 'Queued: it will be sent when you are online'],
  'form.sentNow': ['已提交，正在发送…', 'Submitted, sending…'],
  'form.migrated': ['此草稿已转为新版表格。', 'This draft moved to a newer version of the form.'],
  'form.closed': ['此草稿已提交或删除。', 'This draft was submitted or deleted.'],
  'form.delete': ['删除草稿', 'Delete draft'],
  'form.deleteConfirm': ['确定删除此草稿吗？', 'Delete this draft?'],

  'drafts.title': ['我的草稿', 'My drafts'],
  'drafts.none': ['暂无草稿。从办事指南中选择“在线申请”即可开始。', 'No drafts. Choose “Apply online” in a service guide to start.'],
  'drafts.updated': ['更新于 {at}', 'Updated {at}'],
  'drafts.continue': ['继续填写', 'Continue'],
  'drafts.progress': ['完成 {p}%', '{p}% complete'],
  'drafts.problems': ['{n} 处待修改', '{n} to fix'],

  'cases.title': ['我的办件', 'My applications'],
  'cases.outbox': ['提交队列', 'Sending queue'],
  'cases.none': ['暂无办件。', 'No applications yet.'],
  'cases.serverCases': ['办件进度', 'Progress'],
  'cases.acceptance': ['受理编号', 'Acceptance number'],
  'cases.submittedAt': ['提交时间', 'Submitted'],
  'cases.due': ['承诺办结日期 {d}', 'Due {d}'],
  'cases.view': ['查看进度', 'View progress'],
  'cases.sendNow': ['立即发送', 'Send now'],
  'cases.signinAgain': ['请重新登录后继续发送', 'Sign in again to continue sending'],
  'cases.notAccepted': ['未被受理：{msg}', 'Not accepted: {msg}'],
  'cases.needsOnline': ['联网后显示最新办理进度。', 'Connect to see the latest progress.'],
  'state.queued': ['待发送（已保存，联网后自动提交）', 'Queued (saved; sends when online)'],
  'state.sending': ['正在发送', 'Sending'],
  'state.accepted': ['已送达', 'Delivered'],
  'state.needs_attention': ['需要处理', 'Needs attention'],
  'case.submitted': ['已提交', 'Submitted'],
  'case.accepted': ['已受理', 'Accepted'],
  'case.in_review': ['审查中', 'Under review'],
  'case.supplement_requested': ['待补正', 'More information needed'],
  'case.approved': ['已批准', 'Approved'],
  'case.rejected': ['不予批准', 'Not approved'],
  'case.result_available': ['已办结，结果可取', 'Completed: result available'],
  'event.submitted': ['提交申请', 'Application submitted'],
  'event.status': ['状态更新', 'Status update'],
  'event.supplement_requested': ['要求补正', 'More information requested'],
  'event.supplement_provided': ['已补正', 'Information provided'],
  'event.result': ['结果已出', 'Result published'],
  'event.rated': ['已评价', 'Rated'],
  'case.title': ['办件详情', 'Application'],
  'case.timeline': ['办理进度', 'Timeline'],
  'case.results': ['办理结果', 'Results'],
  'case.download': ['下载 {name}', 'Download {name}'],
  'case.supplement': ['补正材料', 'Provide what is missing'],
  'case.supplementHelp': ['请按要求补充以下内容后提交。', 'Provide the following, then send.'],
  'case.supplementNote': ['补正说明', 'Note to the department'],
  'case.supplementSend': ['提交补正', 'Send'],
  'case.supplementSent': ['补正已提交，等待审查。', 'Sent; the department will review it.'],
  'case.uploading': ['正在上传 {name}', 'Uploading {name}'],
  'case.uploadOf': ['材料“{name}”上传进度', 'Upload of {name}'],
  'case.departments': ['办理部门', 'Departments'],
  'case.offline': ['离线：显示本机保存的进度。', 'Offline: showing the progress stored on this device.'],
  'case.local': ['本机记录', 'On this device'],

  'rating.title': ['办事评价（好差评）', 'Rate this service'],
  'rating.legend': ['您对本次办理满意吗？', 'How satisfied are you?'],
  'rating.1': ['非常不满意', 'Very dissatisfied'],
  'rating.2': ['不满意', 'Dissatisfied'],
  'rating.3': ['基本满意', 'Fairly satisfied'],
  'rating.4': ['满意', 'Satisfied'],
  'rating.5': ['非常满意', 'Very satisfied'],
  'rating.comment': ['意见建议（选填）', 'Comments (optional)'],
  'rating.send': ['提交评价', 'Send rating'],
  'rating.done': ['您的评价：{level}', 'Your rating: {level}'],
  'rating.choose': ['请选择评价等级', 'Choose a level'],

  'consult.title': ['在线咨询', 'Ask a question'],
  'consult.item': ['咨询事项', 'Service'],
  'consult.question': ['您的问题', 'Your question'],
  'consult.send': ['提交咨询', 'Send question'],
  'consult.mine': ['我的咨询', 'My questions'],
  'consult.faq': ['常见问题', 'Common questions'],
  'consult.pending': ['等待答复', 'Awaiting an answer'],
  'consult.answer': ['答复', 'Answer'],
  'consult.none': ['暂无。', 'None yet.'],
  'consult.sent': ['咨询已提交。', 'Your question was sent.'],
  'consult.empty': ['请输入问题', 'Enter your question'],
  'online.needed': ['此功能需要联网。', 'This needs a network connection.'],

  'appt.title': ['预约办理', 'Book an appointment'],
  'appt.item': ['预约事项', 'Service'],
  'appt.slots': ['可预约时段', 'Available times'],
  'appt.remaining': ['余 {n} 个', '{n} left'],
  'appt.full': ['已约满', 'Full'],
  'appt.book': ['预约', 'Book'],
  'appt.bookSlot': ['预约 {when}', 'Book {when}'],
  'appt.mine': ['我的预约', 'My appointments'],
  'appt.cancel': ['取消预约', 'Cancel'],
  'appt.booked': ['预约成功：{when}，{where}', 'Booked: {when}, {where}'],
  'appt.cancelled': ['已取消', 'Cancelled'],
  'appt.none': ['暂无可预约时段。', 'No times available.'],
  'appt.noneMine': ['暂无预约。', 'No appointments.'],
};

let current = localStorage.getItem('wangban.lang') === 'en' ? 'en' : 'zh-CN';

export function lang() {
  return current;
}

export function setLang(l) {
  current = l === 'en' ? 'en' : 'zh-CN';
  localStorage.setItem('wangban.lang', current);
  document.documentElement.lang = current;
}

export function t(key, args = {}) {
  const pair = STRINGS[key];
  let s = pair ? pair[current === 'en' ? 1 : 0] : key;
  for (const [k, v] of Object.entries(args)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** Picks the current language from a localized text, falling back to zh-CN. */
export function lt(text) {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return (current === 'en' && text.en) || text['zh-CN'] || text.en || '';
}

export function fmtDate(ms) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(ms);
}

export function fmtSize(bytes) {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(bytes % (1 << 20) ? 1 : 0)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function fmtTypes(types) {
  return types.map((m) => ({ 'image/jpeg': 'JPG', 'image/png': 'PNG', 'application/pdf': 'PDF' }[m] ?? m)).join(t('punct.list'));
}
