#include "native/cli/guide_printer.hpp"

#include <iomanip>

namespace wb::cli {
namespace {

struct Labels {
  const char* zh;
  const char* en;
  const char* get(Lang l) const { return l == Lang::En ? en : zh; }
};

std::string human_size(std::int64_t bytes) {
  if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= (1 << 20)) return std::to_string(bytes / (1 << 20)) + "." + std::to_string(bytes % (1 << 20) * 10 / (1 << 20)) + " MB";
  if (bytes >= 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " B";
}

void heading(std::ostream& out, int n, Labels l, Lang lang) {
  out << "\n" << n << ". " << l.get(lang) << "\n";
}

}  // namespace

std::string visits_label(int visits, Lang lang) {
  if (lang == Lang::En) {
    if (visits == 0) return "no visit (fully online)";
    return visits == 1 ? "1 visit" : "2 visits";
  }
  if (visits == 0) return "零跑腿（全程网办）";
  return visits == 1 ? "最多跑一次" : "最多跑两次";
}

std::string audience_label(form::Audience a, Lang lang) {
  switch (a) {
    case form::Audience::Citizen: return lang == Lang::En ? "citizens" : "个人";
    case form::Audience::Enterprise: return lang == Lang::En ? "enterprises" : "法人";
    case form::Audience::Both: return lang == Lang::En ? "citizens and enterprises" : "个人和法人";
  }
  return "";
}

void print_guide(std::ostream& out, const form::FormDefinition& f, Lang lang) {
  const auto& g = f.guide;
  out << f.title.get(lang) << "  [" << f.id << " v" << f.version << "]\n";
  if (!f.summary.empty()) out << f.summary.get(lang) << "\n";
  out << (lang == Lang::En ? "For: " : "服务对象：") << audience_label(f.audience, lang) << "    "
      << (lang == Lang::En ? "In-person visits: " : "到现场次数：") << visits_label(f.visits, lang) << "\n";
  out << (lang == Lang::En ? "Departments: " : "办理部门：");
  for (size_t i = 0; i < f.departments.size(); ++i) {
    const auto& d = f.departments[i];
    out << (i ? (lang == Lang::En ? "; " : "；") : "") << d.name.get(lang);
    if (d.role == form::DepartmentRole::Parallel) out << (lang == Lang::En ? " (parallel review)" : "（并联审批）");
  }
  out << "\n";

  heading(out, 1, {"设定依据", "Legal basis"}, lang);
  for (const auto& t : g.legal_basis) out << "   - " << t.get(lang) << "\n";
  heading(out, 2, {"受理条件", "Conditions"}, lang);
  for (const auto& t : g.conditions) out << "   - " << t.get(lang) << "\n";
  heading(out, 3, {"办理流程", "Procedure"}, lang);
  for (size_t i = 0; i < g.procedure.size(); ++i) {
    out << "   (" << i + 1 << ") " << g.procedure[i].title.get(lang);
    if (!g.procedure[i].description.empty()) out << (lang == Lang::En ? ": " : "：") << g.procedure[i].description.get(lang);
    out << "\n";
  }
  heading(out, 4, {"申请材料", "Required materials"}, lang);
  if (g.materials.empty()) out << "   " << (lang == Lang::En ? "None" : "无需提交材料") << "\n";
  for (const auto& m : g.materials) {
    out << "   - " << m.name.get(lang) << "  ["
        << (m.required ? (lang == Lang::En ? "required" : "必交") : (lang == Lang::En ? "optional" : "选交"));
    out << (lang == Lang::En ? ", " : "，");
    for (size_t i = 0; i < m.accepted_types.size(); ++i) out << (i ? " " : "") << m.accepted_types[i];
    out << (lang == Lang::En ? ", up to " : "，不超过 ") << human_size(m.max_size_bytes);
    if (m.copies > 1) out << (lang == Lang::En ? ", copies: " : "，份数：") << m.copies;
    if (m.electronic_certificate) out << (lang == Lang::En ? ", electronic licence accepted" : "，可用电子证照");
    out << "]\n";
    if (!m.note.empty()) out << "     " << m.note.get(lang) << "\n";
  }
  heading(out, 5, {"受理部门", "Accepting department"}, lang);
  out << "   " << g.accepting_department.get(lang) << "\n";
  heading(out, 6, {"办理地点", "Location"}, lang);
  out << "   " << g.location.get(lang) << "\n";
  heading(out, 7, {"咨询方式", "Contact"}, lang);
  out << "   " << (lang == Lang::En ? "Phone: " : "电话：") << g.contact.phone << "\n";
  if (!g.contact.email.empty()) out << "   " << (lang == Lang::En ? "Email: " : "邮箱：") << g.contact.email << "\n";
  if (!g.contact.note.empty()) out << "   " << g.contact.note.get(lang) << "\n";
  heading(out, 8, {"办理时间", "Hours"}, lang);
  out << "   " << g.hours.get(lang) << "\n";
  heading(out, 9, {"办理时限", "Time limit"}, lang);
  if (lang == Lang::En) {
    out << "   Promised: " << g.time_limit.promised_days << " working days";
    if (g.time_limit.statutory_days) out << "; statutory: " << *g.time_limit.statutory_days << " working days";
  } else {
    out << "   承诺时限：" << g.time_limit.promised_days << " 个工作日";
    if (g.time_limit.statutory_days) out << "；法定时限：" << *g.time_limit.statutory_days << " 个工作日";
  }
  out << "\n";
  heading(out, 10, {"收费标准", "Fees"}, lang);
  if (g.fees.empty()) out << "   " << (lang == Lang::En ? "Free of charge" : "不收费") << "\n";
  for (const auto& fee : g.fees) {
    out << "   - " << fee.name.get(lang) << (lang == Lang::En ? ": CNY " : "：") << fee.amount
        << (lang == Lang::En ? "" : " 元") << (lang == Lang::En ? " (basis: " : "（依据：") << fee.basis.get(lang)
        << (lang == Lang::En ? ")" : "）") << "\n";
  }
  if (!g.fee_basis.empty()) out << "   " << (lang == Lang::En ? "Basis: " : "依据：") << g.fee_basis.get(lang) << "\n";

  if (!f.downloads.empty()) {
    out << "\n" << (lang == Lang::En ? "Blank forms to download:" : "表格下载：") << "\n";
    for (const auto& d : f.downloads)
      out << "   - " << d.title.get(lang) << "  " << d.file_name << " (" << d.media_type << ", " << human_size(d.size)
          << ", sha256 " << d.sha256.substr(0, 12) << "…)\n";
  }
}

}  // namespace wb::cli
