// The SDK as a third party gets it: the built libraries' exported symbols, `cmake --install` into a temp prefix,
// examples/c built against that prefix with pkg-config (Makefile) and with find_package (CMakeLists.txt), as a
// shared and as a static program, each run end to end: fill an application offline and queue it, then start
// wangban-server, sync, and print the receipt — which the server's own case list must show.

#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/process.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using wb::test::Process;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs a command; stdout is returned, stderr goes to a log file that is printed when the command fails.
Run run(const std::vector<std::string>& argv, const fs::path& log) {
  Process p(argv, log.string());
  Run r;
  r.out = p.read_all();
  r.exit_code = p.wait(600000);
  if (r.exit_code != 0) {
    std::ifstream in(log);
    std::stringstream err;
    err << in.rdbuf();
    MESSAGE("command failed (" << r.exit_code << "): " << argv[0] << " ...\nstdout: " << r.out << "\nstderr: " << err.str());
  }
  return r;
}

// The run's folder (install prefix, builds, profiles, server data), removed when the run ends.
struct WorkDir {
  fs::path path;
  WorkDir() : path(fs::temp_directory_path() / ("wangban-sdk-install-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

fs::path work_dir() {
  static WorkDir dir;
  return dir.path;
}

// `cmake --install` of the SDK component into a prefix under the work folder (once per run).
fs::path installed_prefix() {
  static fs::path prefix;
  if (prefix.empty()) {
    fs::path p = work_dir() / "prefix";
    auto r = run({WANGBAN_CMAKE_COMMAND, "--install", WANGBAN_BUILD_DIR, "--prefix", p.string(), "--component", "sdk"},
                 work_dir() / "install.log");
    REQUIRE(r.exit_code == 0);
    prefix = p;
  }
  return prefix;
}

fs::path libdir() {
  fs::path prefix = installed_prefix();
  for (const char* d : {"lib", "lib64", "lib/x86_64-linux-gnu"})
    if (fs::exists(prefix / d / "libwangban.so")) return prefix / d;
  FAIL("libwangban.so is not installed under " << prefix);
  return {};
}

std::set<std::string> header_functions(const fs::path& header) {
  std::string text = wb::test::read_file(header.string());
  std::regex decl(R"(WB_API [^;(]*?\b(wb_[a-z0-9_]+)\()");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), decl); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

// nm's defined global symbols: (type, name).
std::vector<std::pair<char, std::string>> symbols(const std::vector<std::string>& nm_args, const std::string& what) {
  std::vector<std::string> argv = {WANGBAN_NM};
  argv.insert(argv.end(), nm_args.begin(), nm_args.end());
  auto r = run(argv, work_dir() / ("nm-" + what + ".log"));
  REQUIRE(r.exit_code == 0);
  std::vector<std::pair<char, std::string>> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string x; fields >> x;) f.push_back(x);
    if (f.size() == 3) out.emplace_back(f[1][0], f[2]);
    else if (f.size() == 2 && f[0].size() == 1) out.emplace_back(f[0][0], f[1]);
  }
  return out;
}

// The server, started after the applications were filled offline; stopped cleanly at the end.
class Server {
 public:
  Server() : dir_(work_dir() / ("server-" + std::to_string(counter_++))) {
    fs::create_directories(dir_);
    process_ = std::make_unique<Process>(std::vector<std::string>{WANGBAN_SERVER_BIN, "--data", dir_.string(), "--port", "0"},
                                         (dir_ / "server.log").string());
    std::string line = process_->read_line(30000);  // "wangban-server listening on http://127.0.0.1:PORT (data: DIR)"
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(line, m, std::regex("listening on (http://[0-9.]+:[0-9]+)")),
                    "wangban-server did not start: " << line);
    url_ = m[1];
  }
  ~Server() {
    process_->kill(SIGTERM);
    CHECK(process_->wait(30000) == 0);
  }
  const std::string& url() const { return url_; }
  // Case id -> acceptance number, from the operators' command.
  std::map<std::string, std::string> cases() const {
    auto r = run({WANGBAN_SERVER_BIN, "cases", "--data", dir_.string(), "--json"}, dir_ / "cases.log");
    std::map<std::string, std::string> out;
    auto all = json::parse(r.out, nullptr, false);
    if (all.is_array())
      for (const auto& c : all) out[c.value("caseId", "")] = c.value("acceptanceNumber", "");
    return out;
  }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
  std::unique_ptr<Process> process_;
  std::string url_;
};

// Runs a built example end to end: fill offline (no server exists yet), start the server, sync, print the receipt.
void run_example_end_to_end(const fs::path& program) {
  CAPTURE(program);
  REQUIRE(fs::exists(program));
  fs::path profile = work_dir() / ("profile-" + program.filename().string() + "-" + program.parent_path().filename().string());
  fs::remove_all(profile);
  std::string form = wb::test::source_dir() + "/examples/catalog/marriage-certificate-reissue.json";

  auto filled = run({program.string(), "fill", profile.string(), form}, profile.string() + ".fill.log");
  REQUIRE(filled.exit_code == 0);
  CHECK(filled.out.find("queued application 1 (offline)") != std::string::npos);
  CHECK(filled.out.find("outbox: 1 queued, 0 accepted") != std::string::npos);

  Server server;
  ::setenv("WANGBAN_PASSWORD", "wangban-demo", 1);
  auto synced = run({program.string(), "sync", profile.string(), server.url(), "11010519491231002X"},
                    profile.string() + ".sync.log");
  CHECK(synced.exit_code == 0);
  CHECK(synced.out.find("signed in: ") != std::string::npos);
  CHECK(synced.out.find("outbox: 1 accepted, 0 queued, 0 need attention") != std::string::npos);
  std::smatch m;
  REQUIRE(std::regex_search(synced.out, m, std::regex("receipt: acceptance number (\\S+), case (\\S+)")));
  auto cases = server.cases();
  REQUIRE(cases.count(m[2]));
  CHECK(cases[m[2]] == m[1].str());
}

}  // namespace

TEST_CASE("exports: libwangban.so exports exactly the header's wb_* functions, versioned WANGBAN_0") {
  fs::path lib = fs::path(WANGBAN_BUILD_DIR) / "lib" / "libwangban.so";
  auto declared = header_functions(fs::path(wb::test::source_dir()) / "sdk/c/include/wangban.h");
  CHECK(declared.size() > 60);
  std::set<std::string> exported;
  for (const auto& [type, name] : symbols({"-D", "--defined-only", lib.string()}, "shared")) {
    if (type == 'A' && name == "WANGBAN_0") continue;  // the version node
    CAPTURE(name);
    CHECK(type == 'T');
    CHECK(name.rfind("wb_", 0) == 0);
    auto at = name.find("@@WANGBAN_0");
    CHECK(at != std::string::npos);
    exported.insert(name.substr(0, at));
  }
  CHECK(exported == declared);
}

TEST_CASE("exports: libwangban.a defines only wb_* globally; SQLite and the core are local to it") {
  fs::path lib = fs::path(WANGBAN_BUILD_DIR) / "lib" / "libwangban.a";
  auto declared = header_functions(fs::path(wb::test::source_dir()) / "sdk/c/include/wangban.h");
  std::set<std::string> defined;
  for (const auto& [type, name] : symbols({"-g", "--defined-only", lib.string()}, "static")) {
    CAPTURE(name);
    if (type == 'u') {
      // GNU "unique" objects (function-local statics of inline C++ from header-only libraries): merged by the
      // one-definition rule, never a C name.
      CHECK(name.rfind("_Z", 0) == 0);
      continue;
    }
    CHECK(name.rfind("wb_", 0) == 0);
    defined.insert(name);
  }
  CHECK(defined == declared);
}

TEST_CASE("install: header, generated error codes, both libraries, wangban.pc and the CMake package") {
  fs::path prefix = installed_prefix();
  fs::path lib = libdir();
  CHECK(fs::exists(prefix / "include/wangban.h"));
  CHECK(fs::exists(prefix / "include/wangban_error_codes.h"));
  CHECK(fs::exists(lib / "libwangban.a"));
  CHECK(fs::is_symlink(lib / "libwangban.so"));
  CHECK(fs::exists(lib / "pkgconfig/wangban.pc"));
  CHECK(fs::exists(lib / "cmake/wangban/wangbanConfig.cmake"));
  CHECK(fs::exists(lib / "cmake/wangban/wangbanConfigVersion.cmake"));
  std::string pc = wb::test::read_file((lib / "pkgconfig/wangban.pc").string());
  CHECK(pc.find("prefix=${pcfiledir}/../..\n") != std::string::npos);  // relocatable
  CHECK(pc.find("Libs: -L${libdir} -lwangban\n") != std::string::npos);
  CHECK(pc.find("Requires.private: cpp-httplib\n") != std::string::npos);
  // Only the SDK is installed (no server, CLI or test binaries).
  CHECK_FALSE(fs::exists(prefix / "bin"));
}

TEST_CASE("pkg-config: examples/c builds shared and static, fills offline, syncs with wangban-server, prints the receipt") {
  fs::path out = work_dir() / "pkg-config";
  fs::create_directories(out);
  ::setenv("PKG_CONFIG_PATH", (libdir() / "pkgconfig").string().c_str(), 1);
  // An app with its own SQLite: a symbol of the same name must not clash with the one inside libwangban.a.
  fs::path own = out / "own_sqlite.c";
  std::ofstream(own) << "const char* sqlite3_libversion(void);\nconst char* sqlite3_libversion(void) { return \"the app's own\"; }\n";
  auto object = run({WANGBAN_CC, "-c", own.string(), "-o", (out / "own_sqlite.o").string()}, out / "cc.log");
  REQUIRE(object.exit_code == 0);
  std::string makefile = wb::test::source_dir() + "/examples/c/Makefile";
  auto built = run({WANGBAN_MAKE, "-f", makefile, "CC=" + std::string(WANGBAN_CC), "OUT=" + out.string(), "EXTRA_OBJECTS=" + (out / "own_sqlite.o").string(), "all", "static"},
                   out / "make.log");
  REQUIRE(built.exit_code == 0);
  run_example_end_to_end(out / "fill_and_sync");
  run_example_end_to_end(out / "fill_and_sync_static");
}

TEST_CASE("find_package: examples/c builds shared and static with CMake and runs end to end") {
  fs::path build = work_dir() / "cmake-build";
  auto configured = run({WANGBAN_CMAKE_COMMAND, "-S", wb::test::source_dir() + "/examples/c", "-B", build.string(), "-G", "Ninja",
                         "-DCMAKE_PREFIX_PATH=" + installed_prefix().string(), "-DCMAKE_BUILD_TYPE=Release"},
                        work_dir() / "cmake-configure.log");
  REQUIRE(configured.exit_code == 0);
  auto built = run({WANGBAN_CMAKE_COMMAND, "--build", build.string(), "-j2"}, work_dir() / "cmake-build.log");
  REQUIRE(built.exit_code == 0);
  run_example_end_to_end(build / "fill_and_sync");
  run_example_end_to_end(build / "fill_and_sync_static");
}

#ifdef WANGBAN_JAVA_BIN
TEST_CASE("JNI: the Java test fills offline, syncs in the background through JNI, and prints the receipt") {
  Server server;
  fs::path work = work_dir() / "java";
  fs::create_directories(work);
  auto r = run({WANGBAN_JAVA_BIN, "-Djava.library.path=" WANGBAN_JNI_DIR, "-Xcheck:jni", "-cp", WANGBAN_JAVA_CLASSPATH,
                "cn.wangban.sdk.test.EndToEndTest", server.url(),
                wb::test::source_dir() + "/examples/catalog/marriage-certificate-reissue.json", work.string()},
               work / "java.log");
  MESSAGE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(" failed") != std::string::npos);
  CHECK(r.out.find(", 0 failed") != std::string::npos);
  // Both receipts are cases on the server.
  auto cases = server.cases();
  std::regex receipt("receipt: acceptance number (\\S+), case (\\S+)");
  int found = 0;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), receipt); it != std::sregex_iterator(); ++it) {
    CHECK(cases[(*it)[2]] == (*it)[1].str());
    ++found;
  }
  CHECK(found == 2);
}
#endif
