#include "core/validate/uri.hpp"

namespace wb::validate {
namespace {

struct Parts {
  std::string_view scheme, authority, path, query, fragment;
  bool has_scheme = false, has_authority = false, has_query = false, has_fragment = false;
};

Parts parse(std::string_view s) {
  Parts p;
  size_t i = 0;
  // scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  size_t colon = s.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    bool ok = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
    for (size_t k = 1; ok && k < colon; ++k) {
      char c = s[k];
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    }
    if (ok) {
      p.scheme = s.substr(0, colon);
      p.has_scheme = true;
      i = colon + 1;
    }
  }
  if (s.substr(i, 2) == "//") {
    size_t end = s.find_first_of("/?#", i + 2);
    if (end == std::string_view::npos) end = s.size();
    p.authority = s.substr(i + 2, end - i - 2);
    p.has_authority = true;
    i = end;
  }
  size_t end = s.find_first_of("?#", i);
  if (end == std::string_view::npos) end = s.size();
  p.path = s.substr(i, end - i);
  i = end;
  if (i < s.size() && s[i] == '?') {
    end = s.find('#', i);
    if (end == std::string_view::npos) end = s.size();
    p.query = s.substr(i + 1, end - i - 1);
    p.has_query = true;
    i = end;
  }
  if (i < s.size() && s[i] == '#') {
    p.fragment = s.substr(i + 1);
    p.has_fragment = true;
  }
  return p;
}

std::string remove_dot_segments(std::string_view in) {
  std::string input(in), out;
  while (!input.empty()) {
    if (input.rfind("../", 0) == 0) {
      input.erase(0, 3);
    } else if (input.rfind("./", 0) == 0) {
      input.erase(0, 2);
    } else if (input.rfind("/./", 0) == 0) {
      input.replace(0, 3, "/");
    } else if (input == "/.") {
      input = "/";
    } else if (input.rfind("/../", 0) == 0 || input == "/..") {
      input = input.size() == 3 ? std::string("/") : input.substr(3);
      auto slash = out.rfind('/');
      out.erase(slash == std::string::npos ? 0 : slash);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      size_t start = input[0] == '/' ? 1 : 0;
      size_t next = input.find('/', start);
      if (next == std::string::npos) next = input.size();
      out.append(input, 0, next);
      input.erase(0, next);
    }
  }
  return out;
}

std::string merge_paths(const Parts& base, std::string_view ref_path) {
  if (base.has_authority && base.path.empty()) {
    std::string r(1, '/');
    r.append(ref_path);
    return r;
  }
  auto slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

std::string compose(std::string_view scheme, bool has_scheme, std::string_view authority, bool has_authority,
                    std::string_view path, std::string_view query, bool has_query, std::string_view fragment,
                    bool has_fragment) {
  std::string r;
  if (has_scheme) r.append(scheme).push_back(':');
  if (has_authority) r.append("//").append(authority);
  r.append(path);
  if (has_query) r.append("?").append(query);
  if (has_fragment) r.append("#").append(fragment);
  return r;
}

}  // namespace

std::string resolve_uri(std::string_view base_text, std::string_view ref_text) {
  Parts r = parse(ref_text);
  Parts b = parse(base_text);
  std::string path;
  if (r.has_scheme) {
    path = remove_dot_segments(r.path);
    return compose(r.scheme, true, r.authority, r.has_authority, path, r.query, r.has_query, r.fragment,
                   r.has_fragment);
  }
  if (r.has_authority) {
    path = remove_dot_segments(r.path);
    return compose(b.scheme, b.has_scheme, r.authority, true, path, r.query, r.has_query, r.fragment, r.has_fragment);
  }
  if (r.path.empty()) {
    bool q = r.has_query ? true : b.has_query;
    std::string_view query = r.has_query ? r.query : b.query;
    return compose(b.scheme, b.has_scheme, b.authority, b.has_authority, b.path, query, q, r.fragment, r.has_fragment);
  }
  if (r.path[0] == '/') {
    path = remove_dot_segments(r.path);
  } else if (!b.has_scheme && !b.has_authority && b.path.empty()) {
    path = std::string(r.path);  // both relative: keep the reference's path as it is
  } else if (b.has_scheme && !b.has_authority && b.path.find('/') == std::string_view::npos) {
    // Opaque base such as "urn:uuid:…": relative paths cannot be merged; keep the reference as it is.
    return std::string(ref_text);
  } else {
    path = remove_dot_segments(merge_paths(b, r.path));
  }
  return compose(b.scheme, b.has_scheme, b.authority, b.has_authority, path, r.query, r.has_query, r.fragment,
                 r.has_fragment);
}

void split_fragment(std::string_view uri, std::string& without, std::string& fragment) {
  auto hash = uri.find('#');
  if (hash == std::string_view::npos) {
    without.assign(uri);
    fragment.clear();
  } else {
    without.assign(uri.substr(0, hash));
    fragment.assign(uri.substr(hash + 1));
  }
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int h = hex(s[i + 1]), l = hex(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out.push_back(static_cast<char>(h * 16 + l));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace wb::validate
