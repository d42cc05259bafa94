// `wangban validate` and `wangban form validate`: check data against a JSON Schema or a form's schema.

#include "native/cli/cli_context.hpp"

namespace wb::cli {

void add_validate_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace wb::cli
