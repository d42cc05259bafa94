// `wangban logic`: evaluate a JsonLogic rule against data.

#include "native/cli/cli_context.hpp"

namespace wb::cli {

void add_logic_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace wb::cli
