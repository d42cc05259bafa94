// The app itself, driven by scripts under Xvfb (the X server in memory): a first run with no network creates a
// profile, finds an item, fills its form by typing into the fields (Dear ImGui input injection), attaches a file
// through the file picker and queues the application; a second run signs in to a real wangban-server and syncs it.
// The checks read the profile's store through the `wangban` CLI and the server's cases through
// `wangban-server cases`. Screenshots land in build/<preset>/screenshots (docs/desktop.md shows them).

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <regex>

#include "core/store/profile_store.hpp"
#include "native/platform/system_env.hpp"
#include "tests/desktop/server_process.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace wb;

namespace {

// The program's full path from $PATH ("" when absent): test::Process starts programs by path.
std::string on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::string all = path;
  size_t start = 0;
  while (start <= all.size()) {
    size_t end = all.find(':', start);
    if (end == std::string::npos) end = all.size();
    std::error_code ec;
    fs::path candidate = fs::path(all.substr(start, end - start)) / program;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "";
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

// The first run: no network. Every widget is reached the way a person reaches it.
const char* kOfflineScript = R"(# a station clerk starts a profile for a villager and fills one form for her
wait profile.new
click profile.new
wait profile.name
fill profile.name 张三
click profile.kind.citizen
click profile.create
wait catalog.search
fill catalog.search 结婚证
click item/marriage-certificate-reissue
wait guide.start
screenshot desktop-1-catalog
click guide.start
wait field/husband/name
fill field/husband/name 孙七
fill field/husband/idNumber 330106198802141013
fill field/husband/mobile 1370000
wait field/wife/name
screenshot desktop-2-form-live-check
fill field/husband/mobile 13700000004
fill field/wife/name 周八
fill field/wife/idNumber 330106199007301027
fill field/wife/mobile 18600000005
fill field/original/registrationDate 2016-09-18
fill field/original/registry 示例市婚姻登记中心
click option/reason=1
wait field/damageDescription
fill field/damageDescription 被水浸泡，字迹模糊
click option/reason=0
click attach/attachments/jointPhoto
wait picker.path
fill picker.path @PHOTO@
click picker.ok
wait file/attachments/jointPhoto/0
click field/declaration
screenshot desktop-3-form-complete
click form.submit
wait queue/1
until queued=1
screenshot desktop-4-outbox-offline
)";

// The second run: the server is up. Sign in as the demo citizen, sync, look at the receipt and the history.
const char* kSyncScript = R"(wait profile.combo
click profile.combo
wait profile/p001
click profile/p001
click nav.queue
wait queue/1
click sync.login
wait login.server
fill login.server @URL@
fill login.account 11010519491231002X
fill login.password wangban-demo
screenshot desktop-5-login
click login.ok
until signed-in
click sync.now
until accepted=1
click queue/1
until history>=1
until idle
screenshot desktop-6-outbox-synced
)";

const char* const kShots[] = {"desktop-1-catalog", "desktop-2-form-live-check", "desktop-3-form-complete",
                               "desktop-4-outbox-offline", "desktop-5-login", "desktop-6-outbox-synced"};

struct Run {
  int code = -1;
  std::string log;
  json report;
};

Run run_app(const fs::path& work, const std::string& name, const std::string& script, const fs::path& data) {
  fs::path script_file = work / (name + ".script");
  test::write_file(script_file, script);
  fs::path report = work / (name + "-report.json");
  fs::path log = work / (name + ".log");
  test::Process app({on_path("xvfb-run"), "-a", "-s", "-screen 0 1280x800x24", WANGBAN_DESKTOP_BIN, "--data", data.string(),
                     "--script", script_file.string(), "--screenshots", WANGBAN_SCREENSHOT_DIR, "--report", report.string()},
                    log.string());
  app.read_all();
  Run r;
  r.code = app.wait(120000);
  r.log = test::file_exists(log.string()) ? test::read_file(log.string()) : "";
  if (test::file_exists(report.string())) r.report = json::parse(test::read_file(report.string()), nullptr, false);
  return r;
}

json cli_outbox(const fs::path& profile) {
  test::Process cli({WANGBAN_CLI, "--profile", profile.string(), "outbox", "list", "--json"});
  auto out = json::parse(cli.read_all(), nullptr, false);
  CHECK(cli.wait() == 0);
  return out;
}

// A PNG's signature and its IHDR size.
void check_png(const std::string& path, int width, int height) {
  CAPTURE(path);
  REQUIRE(test::file_exists(path));
  std::string png = test::read_file(path);
  REQUIRE(png.size() > 1000);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  CHECK(png.compare(12, 4, "IHDR") == 0);
  CHECK(be32(16) == static_cast<unsigned>(width));
  CHECK(be32(20) == static_cast<unsigned>(height));
}

}  // namespace

TEST_CASE("headless: the app queues one form offline, then a second run syncs it with the server") {
  if (on_path("xvfb-run").empty()) {
    MESSAGE("SKIP: xvfb-run is not installed (Debian package xvfb; scripts/bootstrap installs it)");
    std::puts("SKIP: desktop headless test: xvfb-run is not installed");
    return;
  }
#ifndef WANGBAN_DESKTOP_BIN
  FAIL("wangban-desktop was not built: it needs libimgui-dev, libglfw3-dev and libgl-dev (run scripts/bootstrap)");
#else
  fs::path work = test::fresh_dir("headless");
  fs::path data = work / "station";
  fs::path photo = work / "孙七周八合影.png";
  test::write_file(photo, test::tiny_png());
  for (const char* old : kShots)
    fs::remove(fs::path(WANGBAN_SCREENSHOT_DIR) / (std::string(old) + ".png"));

  // ---- 1: offline
  auto first = run_app(work, "offline", replace_all(kOfflineScript, "@PHOTO@", photo.string()), data);
  INFO("app log: " << first.log);
  REQUIRE(first.code == 0);
  REQUIRE(first.report.is_object());
  const json& font = first.report["font"];
  CHECK(font["file"].get<std::string>().find("wqy-microhei") != std::string::npos);
  CHECK(font["missing"] == 0);  // every character shown is in the font
  CHECK(font["glyphs"].get<int>() > 1000);
  CHECK(font["atlasWidth"].get<int>() * font["atlasHeight"].get<int>() <= 2048 * 2048);
  CHECK(first.report["screenshots"].size() == 4);
  CHECK(first.report["ime"]["caretUpdates"].get<int>() > 0);  // ImGui told the platform hook where typing happens
  fs::path profile = data / "profiles" / "p001";
  auto outbox = cli_outbox(profile);
  REQUIRE(outbox.is_array());
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0]["state"] == "queued");
  CHECK(outbox[0]["item"] == "marriage-certificate-reissue");
  CHECK(outbox[0]["attachments"] == 1);
  CHECK(outbox[0]["receipt"].is_null());
  {
    // What was typed arrived as typed (Chinese included), through the UI and the live draft.
    native::SystemClock clock;
    native::SystemRandom random;
    auto store = store::ProfileStore::open((profile / "profile.db").string(), {&clock, &random}, {.create = false, .vfs = ""});
    auto item = store->outbox_item(outbox[0]["id"].get<std::int64_t>());
    REQUIRE(item);
    CHECK(item->payload["husband"]["name"] == "孙七");
    CHECK(item->payload["wife"]["idNumber"] == "330106199007301027");
    CHECK(item->payload["original"]["registry"] == "示例市婚姻登记中心");
    CHECK(item->payload["reason"] == "lost");
    CHECK(item->payload["declaration"] == true);
    CHECK(item->payload["attachments"]["jointPhoto"]["name"] == "孙七周八合影.png");
    CHECK_FALSE(item->payload.contains("damageDescription"));
    CHECK(store->meta("profile.name") == "张三");
  }

  // ---- 2: with the server
  test::ServerProcess server("headless-server");
  auto second = run_app(work, "sync", replace_all(kSyncScript, "@URL@", server.url()), data);
  INFO("app log: " << second.log);
  REQUIRE(second.code == 0);
  outbox = cli_outbox(profile);
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0]["state"] == "accepted");
  std::string number = outbox[0]["receipt"].value("acceptanceNumber", "");
  CHECK(std::regex_match(number, std::regex("WB[0-9]{14}")));
  auto cases = server.cases();
  REQUIRE(cases.is_array());
  REQUIRE(cases.size() == 1);
  CHECK(cases[0]["acceptanceNumber"] == number);
  CHECK(cases[0]["idempotencyKey"] == outbox[0]["idempotencyKey"]);
  CHECK(cases[0]["itemId"] == "marriage-certificate-reissue");

  for (const char* shot : kShots)
    check_png((fs::path(WANGBAN_SCREENSHOT_DIR) / (std::string(shot) + ".png")).string(), 1280, 800);
#endif
}

// The platform's own text path: characters typed on the X keyboard (xdotool sends them as X key events, the way an
// input method's committed text arrives through XIM) reach GLFW's character callback, Dear ImGui and the draft.
TEST_CASE("headless: Chinese typed on the X keyboard reaches the field through GLFW and Dear ImGui") {
  std::string xvfb = on_path("xvfb-run"), xdotool = on_path("xdotool");
  if (xvfb.empty() || xdotool.empty()) {
    MESSAGE("SKIP: xvfb-run or xdotool is not installed (Debian packages xvfb, xdotool; scripts/bootstrap installs them)");
    std::puts("SKIP: desktop X keyboard test: xvfb-run or xdotool is not installed");
    return;
  }
#ifndef WANGBAN_DESKTOP_BIN
  FAIL("wangban-desktop was not built: it needs libimgui-dev, libglfw3-dev and libgl-dev (run scripts/bootstrap)");
#else
  fs::path work = test::fresh_dir("headless-x-keyboard");
  fs::path shots = work / "shots";
  test::write_file(work / "x.script", R"(wait profile.new
click profile.new
wait profile.name
fill profile.name 王五
click profile.create
click item/marriage-certificate-reissue
click guide.start
wait field/husband/name
click field/husband/name
screenshot ready
value /husband/name 张三丰 abc
key tab
)");
  // The shell starts the app, waits until its script says the field has focus (the "ready" screenshot), then types.
  std::string shell =
      "\"$0\" --data \"$1\" --script \"$1/x.script\" --screenshots \"$1/shots\" & app=$!; "
      "i=0; while [ ! -f \"$1/shots/ready.png\" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; "
      "\"$2\" type --delay 400 '张三丰 abc'; wait $app";
  test::Process run({xvfb, "-a", "-s", "-screen 0 1280x800x24", "/bin/sh", "-c", shell, WANGBAN_DESKTOP_BIN, work.string(), xdotool},
                    (work / "app.log").string());
  run.read_all();
  int code = run.wait(120000);
  INFO("app log: " << test::read_file((work / "app.log").string()));
  CHECK(code == 0);
  CHECK(test::file_exists((shots / "ready.png").string()));
#endif
}
