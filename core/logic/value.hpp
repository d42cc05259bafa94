#pragma once
// Internal: what evaluating a node yields. One of
//  - a reference to a JSON value that outlives the current operation (a literal of the compiled rule, a part of
//    the data, an element of an array the enclosing loop holds);
//  - a view: an array whose elements are such references (what filter returns over a referenced array), so
//    filtering 50 rows does not copy 50 objects;
//  - a value built by an operation (owned).
// References keep results cheap (var does not copy the data) and give arrays and objects JavaScript's identity
// semantics: [1] == [1] is false, but a value read twice from the same place of the data is == to itself.
//
// `undefined` (JavaScript's, for a missing argument) is an owned json of type `discarded`; it never leaves the
// evaluator (evaluate() turns it into null).

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace wb::logic::detail {

using nlohmann::json;

class Value {
 public:
  Value() : own_(json::value_t::discarded) {}  // undefined
  Value(json owned) : own_(std::move(owned)) {}  // NOLINT: implicit from a built value
  static Value ref(const json& j) {
    Value v{json()};
    v.ref_ = &j;
    return v;
  }
  static Value view(std::vector<const json*> elements) {
    Value v{json()};
    v.view_ = std::move(elements);
    v.is_view_ = true;
    return v;
  }

  // The value as JSON (a view is copied into an array the first time).
  const json& get() const {
    if (ref_ != nullptr) return *ref_;
    if (is_view_ && !materialized_) materialize();
    return own_;
  }
  const json* ref() const { return ref_; }
  bool is_view() const { return is_view_; }
  const std::vector<const json*>& view_elements() const { return view_; }
  // References and views point into storage owned elsewhere.
  bool borrowed() const { return ref_ != nullptr || is_view_; }
  bool is_undefined() const { return ref_ == nullptr && !is_view_ && own_.is_discarded(); }
  // The value as an independent json (copies a reference or a view).
  json take() && {
    if (ref_ != nullptr) return *ref_;
    if (is_view_ && !materialized_) materialize();
    return std::move(own_);
  }

 private:
  void materialize() const {
    own_ = json::array();
    auto& arr = own_.get_ref<json::array_t&>();
    arr.reserve(view_.size());
    for (const json* e : view_) arr.push_back(*e);
    materialized_ = true;
  }

  const json* ref_ = nullptr;
  std::vector<const json*> view_;
  bool is_view_ = false;
  mutable bool materialized_ = false;
  mutable json own_;
};

// The elements of an array value (a JSON array or a view) without copying them.
class Elements {
 public:
  explicit Elements(const Value& v) {
    if (v.is_view()) {
      ptrs_ = v.view_elements().data();
      size_ = v.view_elements().size();
      is_array_ = true;
    } else if (v.get().is_array()) {
      const auto& arr = v.get().get_ref<const json::array_t&>();
      items_ = arr.data();
      size_ = arr.size();
      is_array_ = true;
    }
  }
  bool is_array() const { return is_array_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const json& operator[](std::size_t i) const { return ptrs_ != nullptr ? *ptrs_[i] : items_[i]; }

 private:
  const json* const* ptrs_ = nullptr;
  const json* items_ = nullptr;
  std::size_t size_ = 0;
  bool is_array_ = false;
};

inline bool is_undefined(const json& j) { return j.is_discarded(); }

}  // namespace wb::logic::detail
