#include "compiler/diagnostics/shared_text.h"

#include <mutex>
#include <unordered_set>

namespace mast {

RuleId::RuleId(std::string_view id) {
  if (id.empty()) return;
  // A set's elements stay in place: the texts outlive every id.
  static std::mutex* mutex = new std::mutex();
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
  };
  static auto* texts = new std::unordered_set<std::string, Hash, std::equal_to<>>();
  std::lock_guard<std::mutex> lock(*mutex);
  auto found = texts->find(id);
  text_ = found != texts->end() ? &*found : &*texts->emplace(id).first;
}

const std::string& RuleId::Empty() {
  static const std::string empty;
  return empty;
}

Notes::Notes(std::vector<std::string> notes) {
  if (!notes.empty()) notes_ = std::make_shared<std::vector<std::string>>(std::move(notes));
}

std::vector<std::string>& Notes::Mutable() {
  if (!notes_) notes_ = std::make_shared<std::vector<std::string>>();
  else if (notes_.use_count() > 1) notes_ = std::make_shared<std::vector<std::string>>(*notes_);
  return *notes_;
}

const std::vector<std::string>& Notes::Empty() {
  static const std::vector<std::string> empty;
  return empty;
}

}  // namespace mast
