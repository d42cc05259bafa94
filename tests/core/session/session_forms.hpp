#pragma once
// Forms shared by the core/session tests: a small housing-style form that exercises every rule kind and a repeat
// group, and loading a definition into a model (failing the test case with the diagnostics when it does not load).

#include <nlohmann/json.hpp>

#include "core/session/form_model.hpp"

namespace wb::test {

nlohmann::json test_form();
session::ModelPtr model_of(const nlohmann::json& definition);

}  // namespace wb::test
