// Standard "format" checks (RFC 3339, RFC 5321/5322 simplified, RFC 1123, RFC 3986, RFC 4122, RFC 6901).
#include "core/validate/formats.hpp"

#include <string>

#include "core/regex/regex.hpp"

namespace wb::validate {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool hexdig(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (!digit(s[i])) return false;
  return true;
}

int num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// full-time = partial-time time-offset; leap seconds only at 23:59:60 UTC.
bool full_time(std::string_view s) {
  if (s.size() < 9 || !digits(s, 0, 2) || s[2] != ':' || !digits(s, 3, 2) || s[5] != ':' || !digits(s, 6, 2))
    return false;
  int h = num(s, 0, 2), m = num(s, 3, 2), sec = num(s, 6, 2);
  if (h > 23 || m > 59 || sec > 60) return false;
  size_t i = 8;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i >= s.size()) return false;
  int off_minutes = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    if (i + 1 != s.size()) return false;
  } else if (s[i] == '+' || s[i] == '-') {
    if (s.size() - i != 6 || !digits(s, i + 1, 2) || s[i + 3] != ':' || !digits(s, i + 4, 2)) return false;
    int oh = num(s, i + 1, 2), om = num(s, i + 4, 2);
    if (oh > 23 || om > 59) return false;
    off_minutes = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
  } else {
    return false;
  }
  if (sec == 60) {
    int utc = ((h * 60 + m - off_minutes) % 1440 + 1440) % 1440;
    if (utc != 23 * 60 + 59) return false;
  }
  return true;
}

bool dec_octet(std::string_view p) {
  if (p.empty() || p.size() > 3) return false;
  for (char c : p)
    if (!digit(c)) return false;
  if (p.size() > 1 && p[0] == '0') return false;
  return num(p, 0, p.size()) <= 255;
}

bool hostname_label(std::string_view l) {
  if (l.empty() || l.size() > 63) return false;
  if (l.front() == '-' || l.back() == '-') return false;
  for (char c : l)
    if (!alpha(c) && !digit(c) && c != '-') return false;
  // "--" in the 3rd and 4th positions is reserved for IDNA A-labels ("xn--").
  if (l.size() >= 4 && l[2] == '-' && l[3] == '-') {
    if (!((l[0] == 'x' || l[0] == 'X') && (l[1] == 'n' || l[1] == 'N'))) return false;
    if (l.size() == 4) return false;
  }
  return true;
}

bool atext(char c) {
  return alpha(c) || digit(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool pchar_or(char c, std::string_view extra) {
  if (alpha(c) || digit(c)) return true;
  if (std::string_view("-._~!$&'()*+,;=:@").find(c) != std::string_view::npos) return true;
  return extra.find(c) != std::string_view::npos;
}

bool valid_percent(std::string_view s, size_t i) { return i + 2 < s.size() && hexdig(s[i + 1]) && hexdig(s[i + 2]); }

// Checks a run of characters allowed in a URI component (pchar plus `extra`), with valid %XX escapes.
bool component(std::string_view s, std::string_view extra) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (!valid_percent(s, i)) return false;
      i += 2;
    } else if (!pchar_or(s[i], extra)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_date(std::string_view s) {
  if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
    return false;
  int y = num(s, 0, 4), m = num(s, 5, 2), d = num(s, 8, 2);
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool is_time(std::string_view s) { return full_time(s); }

bool is_date_time(std::string_view s) {
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't')) return false;
  return is_date(s.substr(0, 10)) && full_time(s.substr(11));
}

bool is_duration(std::string_view s) {
  if (s.size() < 2 || s[0] != 'P') return false;
  size_t i = 1;
  auto unit = [&](std::string_view units, size_t& last, bool& any) -> bool {
    // Reads 1*DIGIT followed by a unit letter that comes after the previous one in `units`.
    while (i < s.size() && s[i] != 'T') {
      size_t start = i;
      while (i < s.size() && digit(s[i])) ++i;
      if (i == start || i >= s.size()) return false;
      auto pos = units.find(s[i]);
      // Units come in order and without gaps (RFC 3339 appendix A: "P1Y1D" and "PT1H1S" are not durations).
      if (pos == std::string_view::npos || (last != std::string_view::npos && pos != last + 1)) return false;
      last = pos;
      any = true;
      ++i;
    }
    return true;
  };
  // Weeks stand alone: PnW.
  if (s.back() == 'W') {
    if (s.size() < 3) return false;
    for (size_t k = 1; k + 1 < s.size(); ++k)
      if (!digit(s[k])) return false;
    return true;
  }
  bool any_date = false, any_time = false;
  size_t last = std::string_view::npos;
  if (!unit("YMD", last, any_date)) return false;
  if (i < s.size()) {
    if (s[i] != 'T') return false;
    ++i;
    size_t tlast = std::string_view::npos;
    if (!unit("HMS", tlast, any_time) || !any_time) return false;
  }
  return any_date || any_time;
}

bool is_email(std::string_view s) {
  auto at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"') return false;
    for (size_t i = 1; i + 1 < local.size(); ++i) {
      if (local[i] == '\\') {
        ++i;
        if (i + 1 >= local.size()) return false;
      } else if (local[i] == '"') {
        return false;
      }
    }
  } else {
    if (local.front() == '.' || local.back() == '.') return false;
    for (size_t i = 0; i < local.size(); ++i) {
      if (local[i] == '.') {
        if (local[i + 1] == '.') return false;
      } else if (!atext(local[i])) {
        return false;
      }
    }
  }
  if (domain.front() == '[') {
    if (domain.back() != ']') return false;
    std::string_view lit = domain.substr(1, domain.size() - 2);
    if (lit.substr(0, 5) == "IPv6:") return is_ipv6(lit.substr(5));
    return is_ipv4(lit);
  }
  return is_hostname(domain);
}

bool is_hostname(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!hostname_label(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_ipv4(std::string_view s) {
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    if (!dec_octet(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

bool is_ipv6(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  int groups = 0;
  bool compressed = false;
  size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && hexdig(s[i])) ++i;
    size_t len = i - start;
    if (i < s.size() && s[i] == '.') {  // embedded IPv4 at the end
      if (!is_ipv4(s.substr(start))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (len == 0 || len > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;  // trailing single colon
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

bool is_uri(std::string_view s, bool require_scheme) {
  size_t i = 0;
  auto colon = s.find_first_of(":/?#");
  bool has_scheme = false;
  if (colon != std::string_view::npos && s[colon] == ':' && colon > 0 && alpha(s[0])) {
    has_scheme = true;
    for (size_t k = 1; k < colon; ++k)
      if (!alpha(s[k]) && !digit(s[k]) && s[k] != '+' && s[k] != '-' && s[k] != '.') has_scheme = false;
    if (has_scheme) i = colon + 1;
  }
  if (require_scheme && !has_scheme) return false;
  std::string_view rest = s.substr(i);
  auto hash = rest.find('#');
  std::string_view frag = hash == std::string_view::npos ? std::string_view{} : rest.substr(hash + 1);
  rest = rest.substr(0, hash);
  if (!component(frag, "/?")) return false;
  auto q = rest.find('?');
  std::string_view query = q == std::string_view::npos ? std::string_view{} : rest.substr(q + 1);
  rest = rest.substr(0, q);
  if (!component(query, "/?")) return false;
  if (rest.substr(0, 2) == "//") {
    auto slash = rest.find('/', 2);
    std::string_view authority = rest.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    auto at = authority.rfind('@');
    if (at != std::string_view::npos) {
      if (!component(authority.substr(0, at), "")) return false;
      authority = authority.substr(at + 1);
    }
    std::string_view host = authority;
    if (!host.empty() && host[0] == '[') {
      auto close = host.find(']');
      if (close == std::string_view::npos) return false;
      std::string_view lit = host.substr(1, close - 1);
      if (!(lit.size() > 1 && (lit[0] == 'v' || lit[0] == 'V')) && !is_ipv6(lit)) return false;
      std::string_view after = host.substr(close + 1);
      if (!after.empty()) {
        if (after[0] != ':') return false;
        for (char c : after.substr(1))
          if (!digit(c)) return false;
      }
    } else {
      auto pc = host.rfind(':');
      if (pc != std::string_view::npos) {
        for (char c : host.substr(pc + 1))
          if (!digit(c)) return false;
        host = host.substr(0, pc);
      }
      if (!component(host, "") || host.find(':') != std::string_view::npos ||
          host.find('@') != std::string_view::npos)
        return false;
    }
  } else if (!has_scheme) {
    // A relative path's first segment may not contain ':'.
    auto first = rest.substr(0, rest.find('/'));
    if (first.find(':') != std::string_view::npos) return false;
  }
  return component(rest, "/");
}

bool is_uri_template(std::string_view s) {
  int depth = 0;
  for (char c : s) {
    if (c == '{') {
      if (depth++) return false;
    } else if (c == '}') {
      if (!depth--) return false;
    }
  }
  return depth == 0;
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!hexdig(s[i])) {
      return false;
    }
  }
  return true;
}

bool is_json_pointer(std::string_view s) {
  if (s.empty()) return true;
  if (s[0] != '/') return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i] == '~' && (i + 1 >= s.size() || (s[i + 1] != '0' && s[i + 1] != '1'))) return false;
  return true;
}

bool is_relative_json_pointer(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && digit(s[i])) ++i;
  if (i == 0 || (i > 1 && s[0] == '0')) return false;
  std::string_view rest = s.substr(i);
  if (rest == "#") return true;
  return is_json_pointer(rest);
}

std::optional<Format> format_from_name(std::string_view n) {
  static constexpr std::pair<std::string_view, Format> kNames[] = {
      {"date", Format::Date}, {"time", Format::Time}, {"date-time", Format::DateTime},
      {"duration", Format::Duration}, {"email", Format::Email}, {"idn-email", Format::IdnEmail},
      {"hostname", Format::Hostname}, {"idn-hostname", Format::IdnHostname}, {"ipv4", Format::Ipv4},
      {"ipv6", Format::Ipv6}, {"uri", Format::Uri}, {"uri-reference", Format::UriReference}, {"iri", Format::Iri},
      {"iri-reference", Format::IriReference}, {"uri-template", Format::UriTemplate}, {"uuid", Format::Uuid},
      {"json-pointer", Format::JsonPointer}, {"relative-json-pointer", Format::RelativeJsonPointer},
      {"regex", Format::Regex}, {"cn-resident-id", Format::CnResidentId}, {"cn-uscc", Format::CnUscc},
      {"cn-mobile", Format::CnMobile}, {"cn-postcode", Format::CnPostcode}};
  for (const auto& e : kNames)
    if (e.first == n) return e.second;
  return std::nullopt;
}

bool check_format(Format f, std::string_view v) {
  switch (f) {
    case Format::Date: return is_date(v);
    case Format::Time: return is_time(v);
    case Format::DateTime: return is_date_time(v);
    case Format::Duration: return is_duration(v);
    case Format::Email: return is_email(v);
    case Format::IdnEmail: return v.find('@') != std::string_view::npos && v.front() != '@' && v.back() != '@';
    case Format::Hostname: return is_hostname(v);
    case Format::IdnHostname: return !v.empty() && v.size() <= 253;
    case Format::Ipv4: return is_ipv4(v);
    case Format::Ipv6: return is_ipv6(v);
    case Format::Uri: return is_uri(v, true);
    case Format::UriReference: return is_uri(v, false);
    case Format::Iri: return v.find_first_of(" \\<>\"{}|^`") == std::string_view::npos && v.find(':') != std::string_view::npos;
    case Format::IriReference: return v.find_first_of(" \\<>\"{}|^`") == std::string_view::npos;
    case Format::UriTemplate: return is_uri_template(v);
    case Format::Uuid: return is_uuid(v);
    case Format::JsonPointer: return is_json_pointer(v);
    case Format::RelativeJsonPointer: return is_relative_json_pointer(v);
    case Format::Regex: return regex::Regex::compile(v).has_value();
    case Format::CnResidentId: return is_cn_resident_id(v);
    case Format::CnUscc: return is_cn_uscc(v);
    case Format::CnMobile: return is_cn_mobile(v);
    case Format::CnPostcode: return is_cn_postcode(v);
  }
  return true;
}

ErrorCode format_error_code(Format f) {
  switch (f) {
    case Format::Date: return ErrorCode::ValidateFormatDate;
    case Format::Time: return ErrorCode::ValidateFormatTime;
    case Format::DateTime: return ErrorCode::ValidateFormatDateTime;
    case Format::Duration: return ErrorCode::ValidateFormatDuration;
    case Format::Email:
    case Format::IdnEmail: return ErrorCode::ValidateFormatEmail;
    case Format::Hostname:
    case Format::IdnHostname: return ErrorCode::ValidateFormatHostname;
    case Format::Ipv4: return ErrorCode::ValidateFormatIpv4;
    case Format::Ipv6: return ErrorCode::ValidateFormatIpv6;
    case Format::Uri:
    case Format::Iri:
    case Format::UriTemplate: return ErrorCode::ValidateFormatUri;
    case Format::UriReference:
    case Format::IriReference: return ErrorCode::ValidateFormatUriReference;
    case Format::Uuid: return ErrorCode::ValidateFormatUuid;
    case Format::JsonPointer: return ErrorCode::ValidateFormatJsonPointer;
    case Format::RelativeJsonPointer: return ErrorCode::ValidateFormatRelativeJsonPointer;
    case Format::Regex: return ErrorCode::ValidateFormatRegex;
    case Format::CnResidentId: return ErrorCode::ValidateFormatCnResidentId;
    case Format::CnUscc: return ErrorCode::ValidateFormatCnUscc;
    case Format::CnMobile: return ErrorCode::ValidateFormatCnMobile;
    case Format::CnPostcode: return ErrorCode::ValidateFormatCnPostcode;
  }
  return ErrorCode::ValidateFormat;
}

}  // namespace wb::validate
