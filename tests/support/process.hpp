#pragma once
// Child processes for tests that run the real binaries: start with arguments, read what they print, kill them.

#include <string>
#include <sys/types.h>
#include <vector>

namespace wb::test {

class Process {
 public:
  // Starts `argv[0]` with the arguments; stdout is captured (read it with read_line / read_all), stderr goes to
  // `stderr_file` ("" = inherited).
  Process(const std::vector<std::string>& argv, const std::string& stderr_file = "");
  ~Process();  // kills the process if it still runs
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // The next line of stdout ("" at end of output or after timeout_ms).
  std::string read_line(int timeout_ms = 10000);
  std::string read_all();  // until end of output
  void kill(int signal);
  // The exit code, or 128 + signal number; -1 when it did not end within timeout_ms.
  int wait(int timeout_ms = 600000);

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace wb::test
