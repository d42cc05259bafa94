#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.hpp"
#include "tests/support/test_files.hpp"

using nlohmann::json;
using wb::test::run_cli;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct Profile {
  std::string dir = wb::test::make_temp_dir() + "/profile";
  wb::test::CliResult run(std::vector<std::string> args, const std::string& lang = "en") {
    args.insert(args.begin(), {"--lang", lang, "--profile", dir});
    return run_cli(args);
  }
};

}  // namespace

TEST_CASE("a whole application from the terminal: new, set, show, submit, outbox") {
  Profile p;
  auto created = p.run({"drafts", "new", "small-scale-vat-return"});
  REQUIRE(created.exit_code == 0);
  std::string id = trim(created.out);
  CHECK(id.size() == 36);

  auto early = p.run({"submit", id});
  CHECK(early.exit_code == 1);
  CHECK(early.err.find("problem(s) to fix") != std::string::npos);

  json example = json::parse(wb::test::read_file(wb::test::source_dir() + "/examples/catalog/small-scale-vat-return.example.json"));
  auto shown = json::parse(p.run({"drafts", "show", id, "--json"}).out);
  for (const auto& [key, value] : example.items()) {
    bool computed = false;
    for (const auto& f : shown["fields"])
      if (f["location"] == "/" + key && f["readOnly"] == true) computed = true;
    if (computed) continue;
    if (value.is_object()) {
      for (const auto& [k2, v2] : value.items()) {
        auto r = p.run({"drafts", "set", id, "/" + key + "/" + k2, v2.dump()});
        if (r.exit_code != 0) CHECK_MESSAGE(r.err.find("computed") != std::string::npos, r.err);
      }
    } else {
      auto r = p.run({"drafts", "set", id, "/" + key, value.dump()});
      if (r.exit_code != 0) CHECK_MESSAGE(r.err.find("computed") != std::string::npos, r.err);
    }
  }
  auto done = json::parse(p.run({"drafts", "show", id, "--json"}).out);
  for (const auto& f : done["fields"])
    for (const auto& e : f["errors"]) MESSAGE(f["location"].get<std::string>() << ": " << e["message"].get<std::string>());
  CHECK(done["complete"] == true);
  CHECK(done["data"] == example);

  auto list = json::parse(p.run({"drafts", "list", "--json"}).out);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["completeness"] == 1.0);

  auto queued = p.run({"submit", id});
  CHECK(queued.exit_code == 0);
  CHECK(queued.out.rfind("queued 1 ", 0) == 0);
  CHECK(trim(queued.out).size() == std::string("queued 1 ").size() + 36);

  auto outbox = json::parse(p.run({"outbox", "list", "--json"}).out);
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0]["state"] == "queued");
  CHECK(outbox[0]["attempts"] == 0);
  CHECK(outbox[0]["item"] == "small-scale-vat-return");
  CHECK(json::parse(p.run({"drafts", "list", "--json"}).out).empty());  // the draft became the outbox item
  auto human = p.run({"outbox", "list"});
  CHECK(human.out.find("queued") != std::string::npos);
}

TEST_CASE("drafts show in Chinese marks required fields and explains errors") {
  Profile p;
  std::string id = trim(p.run({"drafts", "new", "low-rent-housing"}).out);
  auto set = p.run({"drafts", "set", id, "/applicant/idNumber", "\"110105194912310021\""}, "zh-CN");
  CHECK(set.exit_code == 0);
  CHECK(set.out.find("请输入有效的18位居民身份证号码") != std::string::npos);
  auto show = p.run({"drafts", "show", id}, "zh-CN");
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("廉租住房保障申请") != std::string::npos);
  CHECK(show.out.find("* 居民身份证号码") != std::string::npos);
  CHECK(show.out.find("✗ 此项为必填项") != std::string::npos);
}

TEST_CASE("refused edits and bad input: clear messages, right exit codes, nothing saved") {
  Profile p;
  std::string id = trim(p.run({"drafts", "new", "low-rent-housing"}).out);
  auto computed = p.run({"drafts", "set", id, "/totalIncome", "5"});
  CHECK(computed.exit_code == 1);
  CHECK(computed.err.find("is computed and cannot be changed") != std::string::npos);
  auto not_json = p.run({"drafts", "set", id, "/applicant/name", "张三"});
  CHECK(not_json.exit_code == 2);
  CHECK(not_json.err.find("must be JSON") != std::string::npos);
  auto no_draft = p.run({"drafts", "show", "no-such-draft"});
  CHECK(no_draft.exit_code == 1);
  CHECK(no_draft.err.find("There is no draft \"no-such-draft\"") != std::string::npos);
  auto unknown_item = p.run({"drafts", "new", "no-such-item"});
  CHECK(unknown_item.exit_code == 1);
  auto no_profile = run_cli({"drafts", "list"});
  CHECK(no_profile.exit_code == 2);
  CHECK(no_profile.err.find("--profile") != std::string::npos);
  auto data = json::parse(p.run({"drafts", "show", id, "--json"}).out)["data"];
  CHECK(data["applicant"] == json::object());  // the section the form requires, as a new draft has it: nothing written
}

TEST_CASE("attachments from disk: checked against the material, stored, referenced by hash; a foreign profile file is refused") {
  Profile p;
  std::string id = trim(p.run({"drafts", "new", "low-rent-housing"}).out);
  std::string dir = wb::test::make_temp_dir();
  wb::test::write_file(dir + "/id.pdf", "%PDF-1.4 resident id scan");
  wb::test::write_file(dir + "/photo.gif", "GIF89a");
  auto ok = p.run({"drafts", "attach", id, "/attachments/idCard", dir + "/id.pdf"});
  CHECK(ok.exit_code == 0);
  CHECK(trim(ok.out).size() == 64);
  auto list = p.run({"drafts", "attach", id, "/attachments/incomeProof", dir + "/id.pdf"});
  CHECK(list.exit_code == 0);
  auto data = json::parse(p.run({"drafts", "show", id, "--json"}).out)["data"];
  CHECK(data["attachments"]["idCard"]["sha256"] == trim(ok.out));
  CHECK(data["attachments"]["idCard"]["mediaType"] == "application/pdf");
  CHECK(data["attachments"]["incomeProof"].is_array());
  auto gif = p.run({"drafts", "attach", id, "/attachments/idCard", dir + "/photo.gif"});
  CHECK(gif.exit_code == 1);
  CHECK(gif.err.find("not accepted") != std::string::npos);
  auto not_file = p.run({"drafts", "attach", id, "/applicant/name", dir + "/id.pdf"});
  CHECK(not_file.exit_code == 1);
  auto deleted = p.run({"drafts", "delete", id});
  CHECK(deleted.exit_code == 0);
  CHECK(json::parse(p.run({"drafts", "list", "--json"}).out).empty());

  std::string foreign = wb::test::make_temp_dir();
  wb::test::write_file(foreign + "/profile.db", "not a database, and it must stay exactly like this");
  auto refused = run_cli({"--lang", "en", "--profile", foreign, "drafts", "list"});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is not a Wangban data file") != std::string::npos);
  CHECK(wb::test::read_file(foreign + "/profile.db") == "not a database, and it must stay exactly like this");
}
