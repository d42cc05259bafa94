#include "core/logic/operator_names.hpp"

#include "core/logic/op_table.hpp"

namespace wb::logic {

bool is_known_operator(std::string_view name) { return detail::find_op(name) != nullptr; }

bool is_scoped_operator(std::string_view name) {
  const auto* op = detail::find_op(name);
  return op != nullptr && op->scoped;
}

}  // namespace wb::logic
