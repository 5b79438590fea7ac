// Parts of a diagnostic that many diagnostics share: the rule id of a
// policy finding and a finding's notes (a rule's remediation). A run of the
// policy linter holds hundreds of thousands of findings of a few dozen
// rules; each one's own copy of those texts took more memory than the rest
// of it. Both read like the std::string and std::vector<std::string> they
// replace.
#pragma once

#include <compare>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mast {

// A rule id, interned: one text per distinct id for the whole process
// (never freed: ids are few), and copies are a pointer. Compares as text.
class RuleId {
 public:
  RuleId() = default;
  RuleId(std::string_view id);  // NOLINT: implicit, like the string it replaced
  RuleId(const std::string& id) : RuleId(std::string_view(id)) {}  // NOLINT
  RuleId(const char* id) : RuleId(std::string_view(id)) {}          // NOLINT

  const std::string& str() const { return text_ ? *text_ : Empty(); }
  operator std::string_view() const { return str(); }  // NOLINT: reads as text
  bool empty() const { return text_ == nullptr; }
  size_t size() const { return str().size(); }

  friend bool operator==(const RuleId& a, const RuleId& b) { return a.text_ == b.text_; }
  friend bool operator==(const RuleId& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const RuleId& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const RuleId& a, const char* b) { return a.str() == b; }
  friend std::strong_ordering operator<=>(const RuleId& a, const RuleId& b) { return a.str() <=> b.str(); }
  friend std::string operator+(const RuleId& a, std::string_view b) { return a.str() + std::string(b); }
  friend std::string operator+(std::string_view a, const RuleId& b) { return std::string(a) + b.str(); }

 private:
  static const std::string& Empty();
  const std::string* text_ = nullptr;  // interned; null for ""
};

// The notes of a diagnostic: copies share them until one is changed.
class Notes {
 public:
  using const_iterator = std::vector<std::string>::const_iterator;

  Notes() = default;
  Notes(std::vector<std::string> notes);  // NOLINT: implicit, like the vector it replaced
  Notes(std::initializer_list<std::string> notes) : Notes(std::vector<std::string>(notes)) {}

  bool empty() const { return !notes_ || notes_->empty(); }
  size_t size() const { return notes_ ? notes_->size() : 0; }
  const std::string& operator[](size_t i) const { return (*notes_)[i]; }
  const std::string& at(size_t i) const { return strings().at(i); }
  const std::string& front() const { return notes_->front(); }
  const std::string& back() const { return notes_->back(); }
  const_iterator begin() const { return strings().begin(); }
  const_iterator end() const { return strings().end(); }
  const std::vector<std::string>& strings() const { return notes_ ? *notes_ : Empty(); }

  void push_back(std::string note) { Mutable().push_back(std::move(note)); }
  template <typename... Args>
  void emplace_back(Args&&... args) {
    Mutable().emplace_back(std::forward<Args>(args)...);
  }
  void clear() { notes_.reset(); }
  // The notes, to change in place (a copy of its own, if shared).
  std::vector<std::string>& Mutable();

  friend bool operator==(const Notes& a, const Notes& b) { return a.strings() == b.strings(); }

 private:
  static const std::vector<std::string>& Empty();
  std::shared_ptr<std::vector<std::string>> notes_;  // null: none
};

}  // namespace mast
