// Cross-route security, endpoint by endpoint, driven by the router's own route table: every route must have a rule
// here (a new route without one fails), and for every route this proves that
//   - anonymous callers get 401 unless the route is public, also with a token in the URL, a cookie or a bad token;
//   - applicants (citizens and enterprises) get 403 on every /v1/admin route, caseworkers 403 on applicant routes;
//   - another applicant never reads or changes applicant A's cases, uploads, result documents, consultations,
//     appointments or ratings: 404 exactly as for a missing one, listings never show A's ids, and A's own view of
//     everything is unchanged afterwards;
//   - a body over the route's limit gets 413 with the error shape (and one at the limit does not), as does any
//     request over the server's 9 MiB; chunked and compressed bodies, which that limit cannot measure, are refused
//     before they are read.

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/common/sha256.hpp"
#include "tests/server/security_world.hpp"

using namespace wb;
using namespace wb::test;
using nlohmann::json;

namespace {

enum class Access { Public, Account, Applicant, Caseworker };

// One concrete request of a route.
struct Probe {
  std::string path;
  std::string body;
  std::string content_type = "application/json";
  httplib::Headers headers;
};

// What another applicant gets when trying the route on A's resources.
enum class Other {
  Skip,      // not about A's resources (public, caseworkers', creating one's own, one's own account)
  NotFound,  // 404, exactly as for ids that do not exist
  NoLeak,    // 200, and nothing of A's in it
  Expect,    // the given status and code, and nothing of A's in it
};

struct Rule {
  Access access;
  size_t body_limit;  // bytes of body the route reads (0: it reads none)
  Probe mine;         // A's request (for public routes: a valid request; for caseworkers': on A's case)
  Other other = Other::Skip;
  std::vector<std::string> ids = {};  // NotFound: A's ids in `mine` (replaced by unknown ones for comparison)
  std::optional<Probe> theirs = {};   // Expect: B's request, when it is not `mine`
  int other_status = 0;
  std::string other_code = {};
};

Probe json_probe(std::string path, const json& body, httplib::Headers headers = {}) {
  return {std::move(path), body.dump(), "application/json", std::move(headers)};
}
Probe get_probe(std::string path) { return {std::move(path), "", "", {}}; }

constexpr size_t kJson = 1 << 20, kSmall = 64 * 1024, kSignIn = 16 * 1024, kResult = 7 << 20, kChunk = 8 << 20;
constexpr size_t kBatch = 4 << 20;  // POST /v1/submissions/batch: up to 100 applications
constexpr size_t kRequest = 9 << 20;  // the server's limit for any request

// The rules, keyed "method path" as the router lists its routes.
std::map<std::string, Rule> rules(SecurityWorld& w) {
  const std::string item = "marriage-certificate-reissue";
  const std::string done = "/v1/cases/" + w.case_done, waiting = "/v1/cases/" + w.case_waiting;
  const std::string admin_done = "/v1/admin/cases/" + w.case_done;
  const std::string result = "/results/" + w.result_id;
  const std::string patch_offset = "40";
  std::map<std::string, Rule> r;
  // Public.
  r["get /v1/health"] = {Access::Public, 0, get_probe("/v1/health")};
  r["get /v1/catalog"] = {Access::Public, 0, get_probe("/v1/catalog")};
  r["get /v1/forms/{itemId}"] = {Access::Public, 0, get_probe("/v1/forms/" + item)};
  r["get /v1/forms/{itemId}/versions/{version}"] = {Access::Public, 0, get_probe("/v1/forms/" + item + "/versions/1")};
  r["get /v1/forms/{itemId}/guide"] = {Access::Public, 0, get_probe("/v1/forms/" + item + "/guide")};
  r["get /v1/forms/{itemId}/downloads/{fileName}"] = {Access::Public, 0, get_probe(w.download_url)};
  r["get /v1/forms/{itemId}/consultations"] = {Access::Public, 0, get_probe("/v1/forms/" + item + "/consultations")};
  r["get /v1/appointment-slots"] = {Access::Public, 0, get_probe("/v1/appointment-slots")};
  r["post /v1/auth/login"] = {Access::Public, kSignIn,
                              json_probe("/v1/auth/login", {{"account", "11010519491231002X"}, {"password", "wangban-demo"}})};
  r["post /v1/auth/refresh"] = {Access::Public, kSignIn, json_probe("/v1/auth/refresh", {{"refreshToken", w.a_refresh}})};
  // Any signed-in account.
  r["post /v1/auth/logout"] = {Access::Account, 0, {"/v1/auth/logout", "", "application/json", {}}};
  r["get /v1/me"] = {Access::Account, 0, get_probe("/v1/me")};

  // Applicants. Submitting an application that refers to A's upload is not possible for B: the file is A's.
  r["post /v1/submissions"] = {Access::Applicant, kJson,
                               json_probe("/v1/submissions", submission_body(item, 1, w.application),
                                          {{"Idempotency-Key", "security-probe-1"}}),
                               Other::Expect, {}, std::nullopt, 422, "protocol.attachment_missing"};
  // The same in a batch: answered 200, the entry itself refused (its result is checked in submission_batch_test).
  json batch_entry = submission_body(item, 1, w.application);
  batch_entry["idempotencyKey"] = "security-probe-2";
  r["post /v1/submissions/batch"] = {Access::Applicant, kBatch,
                                     json_probe("/v1/submissions/batch", {{"submissions", json::array({batch_entry})}}),
                                     Other::Expect, {}, std::nullopt, 200, ""};
  // Declaring A's finished file makes B a new upload of B's own: deduplication never crosses accounts.
  r["post /v1/uploads"] = {Access::Applicant, kJson,
                           json_probe("/v1/uploads", {{"sha256", sha256_hex(w.done_bytes)}, {"size", w.done_bytes.size()},
                                                      {"mediaType", "application/pdf"}, {"name", "户口簿.pdf"}}),
                           Other::Expect, {}, std::nullopt, 201, ""};
  r["get /v1/uploads/{uploadId}"] = {Access::Applicant, 0, get_probe("/v1/uploads/" + w.upload_part), Other::NotFound,
                                     {w.upload_part}};
  r["head /v1/uploads/{uploadId}"] = r["get /v1/uploads/{uploadId}"];
  r["patch /v1/uploads/{uploadId}"] = {Access::Applicant, kChunk,
                                       {"/v1/uploads/" + w.upload_part, std::string(60, 'p'),
                                        "application/offset+octet-stream", {{"Upload-Offset", patch_offset}}},
                                       Other::NotFound, {w.upload_part}};
  r["get /v1/cases"] = {Access::Applicant, 0, get_probe("/v1/cases"), Other::NoLeak};
  r["get /v1/changes"] = {Access::Applicant, 0, get_probe("/v1/changes"), Other::NoLeak};
  r["get /v1/cases/{caseId}"] = {Access::Applicant, 0, get_probe(done), Other::NotFound, {w.case_done}};
  r["get /v1/cases/{caseId}/results/{resultId}"] = {Access::Applicant, 0, get_probe(done + result), Other::NotFound,
                                                    {w.case_done, w.result_id}};
  r["post /v1/cases/{caseId}/supplements"] = {Access::Applicant, kJson,
                                              json_probe(waiting + "/supplements", {{"note", "已补正"}}),
                                              Other::NotFound, {w.case_waiting}};
  r["post /v1/cases/{caseId}/rating"] = {Access::Applicant, kSmall, json_probe(done + "/rating", {{"level", 1}}),
                                         Other::NotFound, {w.case_done}};
  r["get /v1/cases/{caseId}/rating"] = {Access::Applicant, 0, get_probe("/v1/cases/" + w.case_rated + "/rating"),
                                        Other::NotFound, {w.case_rated}};
  r["post /v1/consultations"] = {Access::Applicant, kSmall,
                                 json_probe("/v1/consultations", {{"itemId", item}, {"question", "要预约吗？"}})};
  r["get /v1/consultations"] = {Access::Applicant, 0, get_probe("/v1/consultations"), Other::NoLeak};
  r["get /v1/consultations/{consultationId}"] = {Access::Applicant, 0, get_probe("/v1/consultations/" + w.consultation),
                                                 Other::NotFound, {w.consultation}};
  r["post /v1/appointments/holds"] = {Access::Applicant, kSmall, json_probe("/v1/appointments/holds", {{"slotId", w.slot}})};
  r["post /v1/appointments"] = {Access::Applicant, kSmall, json_probe("/v1/appointments", {{"holdId", w.hold}}),
                                Other::NotFound, {w.hold}};
  r["get /v1/appointments"] = {Access::Applicant, 0, get_probe("/v1/appointments"), Other::NoLeak};
  r["get /v1/appointments/{appointmentId}"] = {Access::Applicant, 0, get_probe("/v1/appointments/" + w.appointment),
                                               Other::NotFound, {w.appointment}};
  r["delete /v1/appointments/{appointmentId}"] = {Access::Applicant, 0,
                                                  {"/v1/appointments/" + w.appointment, "", "application/json", {}},
                                                  Other::NotFound, {w.appointment}};

  // Caseworkers. The bodies would be refused even if they got through (a move that is not allowed, an empty
  // answer, a slot without fields), so no probe can change anything.
  r["get /v1/admin/cases"] = {Access::Caseworker, 0, get_probe("/v1/admin/cases")};
  r["get /v1/admin/cases/{caseId}"] = {Access::Caseworker, 0, get_probe(admin_done)};
  r["post /v1/admin/cases/{caseId}/transitions"] = {
      Access::Caseworker, kJson,
      json_probe("/v1/admin/cases/" + w.case_waiting + "/transitions", {{"department", "civilAffairs"}, {"to", "submitted"}})};
  r["post /v1/admin/cases/{caseId}/results"] = {Access::Caseworker, kResult,
                                                json_probe(admin_done + "/results", {{"name", "x.pdf"}})};
  r["get /v1/admin/cases/{caseId}/results/{resultId}"] = {Access::Caseworker, 0, get_probe(admin_done + result)};
  r["get /v1/admin/cases/{caseId}/attachments/{sha256}"] = {Access::Caseworker, 0,
                                                            get_probe(admin_done + "/attachments/" + w.photo_sha256)};
  r["get /v1/admin/supervision"] = {Access::Caseworker, 0, get_probe("/v1/admin/supervision")};
  r["get /v1/admin/consultations"] = {Access::Caseworker, 0, get_probe("/v1/admin/consultations")};
  r["post /v1/admin/consultations/{consultationId}/answer"] = {
      Access::Caseworker, kSmall, json_probe("/v1/admin/consultations/" + w.consultation + "/answer", {{"answer", ""}})};
  r["post /v1/admin/appointment-slots"] = {Access::Caseworker, kSmall,
                                           json_probe("/v1/admin/appointment-slots", json::object())};
  r["get /v1/admin/ratings/summary"] = {Access::Caseworker, 0, get_probe("/v1/admin/ratings/summary")};
  return r;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

HttpResult send(SecurityWorld& w, const std::string& method, const Probe& p, const std::string& token,
                httplib::Headers extra = {}) {
  httplib::Headers headers = p.headers;
  for (auto& h : extra) headers.insert(h);
  return w.s.send(upper(method), p.path, p.body, p.content_type, token, headers);
}

// The one error shape of protocol v1 (HEAD answers have no body).
void check_error(const std::string& method, const HttpResult& r, int status, const std::string& code) {
  CHECK(r.status == status);
  if (method == "head") return;
  CHECK(r.error_code() == code);
  REQUIRE(r.body.is_object());
  const auto& e = r.body["error"];
  CHECK(e["number"].is_number_integer());
  CHECK(e["message"].is_string());
  CHECK(e["messages"]["zh-CN"].is_string());
  CHECK(e["messages"]["en"].is_string());
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); !from.empty() && at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string tagged(const char* prefix, size_t i) {
  std::string out = prefix;
  out += std::to_string(i);
  return out;
}

void check_no_leak(SecurityWorld& w, const HttpResult& r) {
  for (const auto& id : w.a_ids()) CHECK_MESSAGE(r.raw.find(id) == std::string::npos, "A's " << id << " shown");
}

// Calls `check` for every route the router serves, with its rule; a served route without a rule fails.
void for_each_route(SecurityWorld& w, const std::function<void(const std::string&, const Rule&)>& check) {
  auto table = rules(w);
  for (const auto& route : w.s.app().routes()) {
    std::string key = route.method + " " + route.path;
    CAPTURE(key);
    auto it = table.find(key);
    REQUIRE_MESSAGE(it != table.end(), "a route without a security rule: add one to tests/server/security_test.cpp");
    check(route.method, it->second);
  }
}

// Sends raw bytes on a new connection and reads the answer (until the server closes, or 3 s pass): for requests
// cpp-httplib's client will not send as they are.
HttpResult raw_exchange(int port, const std::string& request) {
  HttpResult out;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
    answer.append(buf, static_cast<size_t>(n));
    auto end = answer.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    auto length_at = answer.find("Content-Length: ");
    if (length_at != std::string::npos && length_at < end &&
        answer.size() >= end + 4 + std::stoul(answer.substr(length_at + 16)))
      break;
  }
  ::close(fd);
  auto end = answer.find("\r\n\r\n");
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return out;  // status 0: no answer
  out.status = std::stoi(answer.substr(9, 3));
  for (size_t at = answer.find("\r\n") + 2; at < end;) {
    size_t eol = answer.find("\r\n", at), colon = answer.find(": ", at);
    if (colon < eol) out.headers.emplace(answer.substr(at, colon - at), answer.substr(colon + 2, eol - colon - 2));
    at = eol + 2;
  }
  out.raw = answer.substr(end + 4);
  out.body = nlohmann::json::parse(out.raw, nullptr, false);
  return out;
}

}  // namespace

TEST_CASE("security: every route has a rule, every rule a route, and /v1/admin is for caseworkers") {
  SecurityWorld w;
  auto table = rules(w);
  std::set<std::string> served;
  for (const auto& route : w.s.app().routes()) served.insert(route.method + " " + route.path);
  for (const auto& [key, rule] : table) {
    CAPTURE(key);
    CHECK_MESSAGE(served.count(key) == 1, "a rule for a route the server does not serve");
    bool admin = key.find(" /v1/admin/") != std::string::npos;
    CHECK(admin == (rule.access == Access::Caseworker));
    if (rule.other == Other::NotFound) CHECK_FALSE(rule.ids.empty());
  }
  for (const auto& key : served) CHECK_MESSAGE(table.count(key) == 1, key << " has no security rule");
  CHECK(served.size() == w.s.app().routes().size());  // no route registered twice
}

TEST_CASE("security: anonymous callers get 401 on every non-public route, whatever is in the URL or cookies") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    auto anonymous = send(w, method, rule.mine, "");
    if (rule.access == Access::Public) {
      // The valid request of a public route goes through without a token.
      CHECK(anonymous.status >= 200);
      CHECK(anonymous.status < 400);
      return;
    }
    check_error(method, anonymous, 401, "auth.token_missing");
    if (method != "head") CHECK(anonymous.header("WWW-Authenticate") == "Bearer");
    // A's (valid) access token anywhere but the Authorization header is not a sign-in.
    for (const char* name : {"access_token", "token", "bearer", "authorization", "Authorization"}) {
      Probe in_url = rule.mine;
      std::string query = in_url.path.find('?') == std::string::npos ? "?" : "&";
      query += name;
      query += '=';
      query += w.a.token;
      in_url.path += query;
      CAPTURE(name);
      check_error(method, send(w, method, in_url, ""), 401, "auth.token_missing");
    }
    check_error(method, send(w, method, rule.mine, "", {{"Cookie", "access_token=" + w.a.token}}), 401,
                "auth.token_missing");
    check_error(method, send(w, method, rule.mine, "", {{"X-Access-Token", w.a.token}}), 401, "auth.token_missing");
    check_error(method, send(w, method, rule.mine, "not-a-token-of-this-server"), 401, "auth.token_invalid");
  });
  // Nothing of A's changed, and A's token still works (the sign-out attempts above were anonymous).
  CHECK(w.a_snapshot() == before);
  CHECK(w.s.get("/v1/me", w.a.token).status == 200);
}

TEST_CASE("security: applicants get 403 on every /v1/admin route, caseworkers 403 on every applicant route") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  int admin = 0, applicant = 0;
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    if (rule.access == Access::Caseworker) {
      ++admin;
      for (const auto& token : {w.a.token, w.b.token, w.enterprise})
        check_error(method, send(w, method, rule.mine, token), 403, "auth.forbidden");
    } else if (rule.access == Access::Applicant) {
      ++applicant;
      check_error(method, send(w, method, rule.mine, w.caseworker), 403, "auth.forbidden");
    }
  });
  CHECK(admin == 11);
  CHECK(applicant == 21);
  CHECK(w.a_snapshot() == before);
}

TEST_CASE("security: another account never reads or changes A's resources, and cannot tell them from missing ones") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  int owned = 0;
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    if (rule.other == Other::Skip) return;
    for (const auto& token : {w.b.token, w.enterprise}) {
      // (An enterprise cannot submit a citizens' item at all: the Expect rules are B's, a citizen like A.)
      if (rule.other == Other::Expect && token != w.b.token) continue;
      if (rule.other == Other::NotFound) {
        ++owned;
        auto theirs = send(w, method, rule.mine, token);
        check_error(method, theirs, 404, "protocol.not_found");
        CHECK(theirs.header("Upload-Offset").empty());  // not even where A's upload stands
        // The same request for ids that do not exist gets the same answer, once the ids are masked.
        Probe missing = rule.mine;
        std::string masked_theirs = theirs.raw, masked_missing;
        for (size_t i = 0; i < rule.ids.size(); ++i) {
          missing.path = replace_all(missing.path, rule.ids[i], tagged("no-such-", i));
          missing.body = replace_all(missing.body, rule.ids[i], tagged("no-such-", i));
          masked_theirs = replace_all(masked_theirs, rule.ids[i], tagged("X", i));
        }
        auto none = send(w, method, missing, token);
        masked_missing = none.raw;
        for (size_t i = 0; i < rule.ids.size(); ++i)
          masked_missing = replace_all(masked_missing, tagged("no-such-", i), tagged("X", i));
        CHECK(none.status == theirs.status);
        CHECK(masked_missing == masked_theirs);
      } else if (rule.other == Other::NoLeak) {
        auto theirs = send(w, method, rule.mine, token);
        CHECK(theirs.status == 200);
        check_no_leak(w, theirs);
      } else {
        auto theirs = send(w, method, rule.theirs.value_or(rule.mine), token);
        CHECK(theirs.status == rule.other_status);
        if (!rule.other_code.empty()) CHECK(theirs.error_code() == rule.other_code);
        check_no_leak(w, theirs);
      }
    }
  });
  CHECK(owned == 2 * 12);
  CHECK(w.a_snapshot() == before);

  // A, meanwhile, can still do everything the others were refused.
  CHECK(patch_upload(w.s, w.a.token, w.upload_part, 40, std::string(60, 'p')).status == 204);
  CHECK(w.s.post("/v1/cases/" + w.case_waiting + "/supplements", {{"note", "已补正"}}, w.a.token).status == 200);
  CHECK(w.s.post("/v1/cases/" + w.case_done + "/rating", {{"level", 5}}, w.a.token).status == 201);
  CHECK(w.s.post("/v1/appointments", {{"holdId", w.hold}}, w.a.token).status == 201);
  CHECK(w.s.del("/v1/appointments/" + w.appointment, w.a.token).status == 204);
}

TEST_CASE("security: a body over the route's limit gets 413 with the error shape; one at the limit does not") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  std::map<size_t, int> limits;
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    if (rule.body_limit == 0) return;
    ++limits[rule.body_limit];
    std::string token = rule.access == Access::Caseworker ? w.caseworker
                      : rule.access == Access::Public     ? ""
                                                          : w.a.token;
    // Spaces: at the limit a JSON body is read (and refused as empty JSON), an upload chunk goes past the file.
    Probe at = rule.mine, over = rule.mine;
    at.body = std::string(rule.body_limit, ' ');
    over.body = std::string(rule.body_limit + 1, ' ');
    auto at_limit = send(w, method, at, token);
    CHECK(at_limit.status != 0);
    CHECK(at_limit.error_code() != "protocol.body_too_large");
    check_error(method, send(w, method, over, token), 413, "protocol.body_too_large");
  });
  // The limits protocol.md states: sign-in 16 KiB, services 64 KiB, JSON 1 MiB, batches 4 MiB, results 7 MiB, chunks 8 MiB.
  CHECK(limits == std::map<size_t, int>{{kSignIn, 2}, {kSmall, 6}, {kJson, 4}, {kBatch, 1}, {kResult, 1}, {kChunk, 1}});
  CHECK(w.a_snapshot() == before);
}

TEST_CASE("security: any request with a body over 9 MiB is refused with 413 before it reaches a route") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  int checked = 0;
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    // (GET and HEAD requests have no body: cpp-httplib never reads one, so nothing is buffered.)
    if (method == "get" || method == "head") return;
    ++checked;
    Probe huge = rule.mine;
    huge.body = std::string(kRequest + 1, 'x');
    check_error(method, send(w, method, huge, ""), 413, "protocol.body_too_large");
  });
  CHECK(checked == 17);
  CHECK(w.a_snapshot() == before);
}

TEST_CASE("security: bodies the request limit cannot measure (chunked, compressed) are refused before they are read") {
  SecurityWorld w;
  std::string before = w.a_snapshot();
  for_each_route(w, [&](const std::string& method, const Rule& rule) {
    if (method == "get" || method == "head") return;
    std::string head = upper(method) + " " + rule.mine.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                       w.a.token + "\r\nContent-Type: application/json\r\n";
    // Each request announces far more than it sends: an answer at all proves the body was not being read. A chunked
    // body has no Content-Length for the request limit to hold against (cpp-httplib would read it whole): 411.
    auto chunked = raw_exchange(w.s.port(), head + "Transfer-Encoding: chunked\r\n\r\n40000000\r\n{\"x\": ");
    CHECK(chunked.status == 411);
    CHECK(chunked.error_code() == "protocol.bad_request");
    CHECK(chunked.header("Connection") == "close");
    // A compressed body would be inflated without limit (1 MB of gzip can become 1 GB): 415.
    auto gzip = raw_exchange(w.s.port(), head + "Content-Encoding: gzip\r\nContent-Length: 9000000\r\n\r\n\x1f\x8b\x08");
    CHECK(gzip.status == 415);
    CHECK(gzip.error_code() == "protocol.unsupported_media_type");
  });
  CHECK(w.a_snapshot() == before);
  // With a Content-Length and no content coding, requests are served as always.
  CHECK(w.s.post("/v1/consultations", {{"itemId", "marriage-certificate-reissue"}, {"question", "几点开门？"}}, w.a.token)
            .status == 201);
}
