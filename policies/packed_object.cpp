#include "policies/packed_object.h"

#include "policies/anchor.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

namespace mast {
namespace {

enum Tag : uint8_t { kNull, kFalse, kTrue, kInt, kFloat, kString, kList, kMap };

uint64_t ZigZag(int64_t n) { return (static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63); }
int64_t UnZigZag(uint64_t n) { return static_cast<int64_t>(n >> 1) ^ -static_cast<int64_t>(n & 1); }

class Packer {
 public:
  Packer(PackedKeys& keys, std::string& out, MergedDemands& merged, FileId shifted_file, uint32_t offset)
      : keys_(keys), out_(out), merged_(merged), shifted_file_(shifted_file), offset_(offset) {}

  // `demand` null: nobody reads the value, but it is there (an element of
  // a kept list, an entry of a record whose entries are counted): a stub
  // of the same kind and origin.
  void Node(const Value& value, const FieldDemand* demand) {
    switch (value.kind()) {
      case Value::Kind::kNull: Scalar(kNull, value); return;
      case Value::Kind::kBool: Scalar(value.AsBool() ? kTrue : kFalse, value); return;
      case Value::Kind::kInt:
        Scalar(kInt, value);
        Varint(ZigZag(value.AsInt()));
        return;
      case Value::Kind::kFloat: {
        Scalar(kFloat, value);
        const double number = value.AsFloat();
        char bytes[sizeof number];
        std::memcpy(bytes, &number, sizeof number);
        out_.append(bytes, sizeof number);
        return;
      }
      case Value::Kind::kString:
        Scalar(kString, value);
        Text(value.AsString());
        return;
      case Value::Kind::kList: List(value, demand); return;
      case Value::Kind::kMap: Map(value, demand); return;
    }
  }

 private:
  // A tag and an origin: at most 1 + 1 + 3 varints of 10 bytes, written
  // with one append (a push_back per byte was a fifth of packing).
  void Scalar(Tag tag, const Value& value) {
    char bytes[kMaxHeader];
    char* end = bytes;
    *end++ = static_cast<char>(tag);
    end = PutRange(end, value.origin());
    out_.append(bytes, static_cast<size_t>(end - bytes));
  }
  static constexpr size_t kMaxVarint = 10;
  static constexpr size_t kMaxHeader = 2 + 3 * kMaxVarint;
  void List(const Value& value, const FieldDemand* demand) {
    Scalar(kList, value);
    if (!demand) {
      Varint(0);
      return;
    }
    const ValueList& items = value.AsList();
    Varint(items.size());
    const FieldDemand* each = demand->whole ? demand : demand->each.get();
    if (demand->anchor && !demand->whole) each = Merged(each, AnchorOnly());  // a finding placed by its first item
    for (const Value& item : items) Node(item, each);
  }
  void Map(const Value& value, const FieldDemand* demand) {
    Scalar(kMap, value);
    const ValueMap& entries = value.AsMap();
    if (!demand) {
      Varint(0);
      return;
    }
    if (demand->whole || demand->all_entries) {
      Varint(entries.size());
      for (const MapEntry& entry : entries) Entry(entry, ForAnchor(entry, Child(entry, *demand), *demand));
      return;
    }
    // The fields asked for that are there, in the record's order (a few:
    // kept on the stack, as every record packed would allocate otherwise).
    struct Kept {
      const MapEntry* entry;
      const FieldDemand* demand;
    };
    constexpr size_t kInline = 16;
    constexpr size_t kAnchorEntries = 5;  // AnchorFinding's: kind, apiVersion, name, metadata, the first entry
    std::array<Kept, kInline> inline_kept;
    std::vector<Kept> more;
    if (demand->fields.size() + kAnchorEntries > kInline) more.resize(demand->fields.size() + kAnchorEntries);
    Kept* kept = more.empty() ? inline_kept.data() : more.data();
    size_t count = 0;
    for (const auto& [key, field] : demand->fields) {
      if (const MapEntry* entry = value.FindEntry(key)) kept[count++] = {entry, &field};
    }
    if (demand->anchor) {
      auto keep = [&](const MapEntry* entry) {
        if (entry && std::none_of(kept, kept + count, [&](const Kept& k) { return k.entry == entry; })) {
          kept[count++] = {entry, nullptr};
        }
      };
      for (std::string_view key : {"kind", "apiVersion", "name", "metadata"}) keep(value.FindEntry(key));
      if (!entries.empty()) keep(&entries.front());
    }
    std::sort(kept, kept + count, [](const Kept& a, const Kept& b) { return a.entry < b.entry; });
    Varint(count);
    for (size_t i = 0; i < count; ++i) Entry(*kept[i].entry, ForAnchor(*kept[i].entry, kept[i].demand, *demand));
  }
  // What AnchorFinding reads below a record it may place a finding in: the
  // name in its metadata.
  const FieldDemand* ForAnchor(const MapEntry& entry, const FieldDemand* child, const FieldDemand& record) {
    if (!record.anchor || record.whole || entry.key != "metadata") return child;
    static const FieldDemand* const name = [] {
      auto* demand = new FieldDemand();
      demand->fields["name"];
      return demand;
    }();
    return Merged(child, *name);
  }
  static const FieldDemand& AnchorOnly() {
    static const FieldDemand* const anchor = [] {
      auto* demand = new FieldDemand();
      demand->anchor = true;
      return demand;
    }();
    return *anchor;
  }
  // `a` (or nothing) and `b` together.
  const FieldDemand* Merged(const FieldDemand* a, const FieldDemand& b) { return merged_.Merge(a, b); }
  // What is read of an entry of a record whose entries are all kept.
  const FieldDemand* Child(const MapEntry& entry, const FieldDemand& demand) {
    if (demand.whole) return &demand;
    auto field = demand.fields.find(entry.key);
    const FieldDemand* named = field == demand.fields.end() ? nullptr : &field->second;
    const FieldDemand* each = demand.each.get();
    if (!named || !each) return named ? named : each;
    return Merged(named, *each);
  }
  void Entry(const MapEntry& entry, const FieldDemand* demand) {
    char bytes[kMaxVarint + kMaxHeader];
    char* end = PutVarint(bytes, keys_.Number(entry.key));
    end = PutRange(end, entry.key_range);
    out_.append(bytes, static_cast<size_t>(end - bytes));
    Node(entry.value, demand);
  }
  // Writes `range` at `at` (at most kMaxHeader - 1 bytes); returns the end.
  char* PutRange(char* at, SourceRange range) {
    range = ShiftedInFile(range, shifted_file_, offset_);
    if (range.file == file_) {
      *at++ = 0;
    } else {
      *at++ = 1;
      at = PutVarint(at, range.file);
      file_ = range.file;
    }
    at = PutVarint(at, ZigZag(static_cast<int64_t>(range.begin) - static_cast<int64_t>(begin_)));
    at = PutVarint(at, ZigZag(static_cast<int64_t>(range.end) - static_cast<int64_t>(range.begin)));
    begin_ = range.begin;
    return at;
  }
  void Text(const std::string& text) {
    Varint(text.size());
    out_.append(text);
  }
  void Varint(uint64_t n) {
    char bytes[kMaxVarint];
    out_.append(bytes, static_cast<size_t>(PutVarint(bytes, n) - bytes));
  }
  static char* PutVarint(char* at, uint64_t n) {
    while (n >= 0x80) {
      *at++ = static_cast<char>((n & 0x7F) | 0x80);
      n >>= 7;
    }
    *at++ = static_cast<char>(n);
    return at;
  }

  PackedKeys& keys_;
  std::string& out_;
  FileId file_ = kNoFile;
  uint32_t begin_ = 0;
  MergedDemands& merged_;
  FileId shifted_file_;  // origins in this file move `offset_` bytes later
  uint32_t offset_;
};

class Unpacker {
 public:
  Unpacker(std::string_view bytes, const PackedKeys& keys) : bytes_(bytes), keys_(keys) {}

  Value Node(int depth = 0) {
    constexpr int kMaxDepth = 512;  // deeper than PackProjection writes (the values it packs are bounded)
    if (at_ >= bytes_.size() || depth > kMaxDepth) return Value();
    const Tag tag = static_cast<Tag>(bytes_[at_++]);
    const SourceRange origin = Range();
    switch (tag) {
      case kNull: return Value::Null(origin);
      case kFalse: return Value::Bool(false, origin);
      case kTrue: return Value::Bool(true, origin);
      case kInt: return Value::Int(UnZigZag(Varint()), origin);
      case kFloat: {
        double number = 0;
        if (at_ + sizeof number <= bytes_.size()) std::memcpy(&number, bytes_.data() + at_, sizeof number);
        at_ += sizeof number;
        return Value::Float(number, origin);
      }
      case kString: return Value::String(Text(), origin);
      case kList: {
        ValueList items(Count());
        for (Value& item : items) item = Node(depth + 1);
        return Value::List(std::move(items), origin);
      }
      case kMap: {
        ValueMap entries(Count());
        for (MapEntry& entry : entries) {
          entry.key = keys_.Key(Varint());
          entry.key_range = Range();
          entry.value = Node(depth + 1);
        }
        return Value::Map(std::move(entries), origin);
      }
    }
    return Value();
  }

 private:
  SourceRange Range() {
    if (at_ < bytes_.size() && bytes_[at_++] != 0) file_ = static_cast<FileId>(Varint());
    const int64_t begin = static_cast<int64_t>(begin_) + UnZigZag(Varint());
    const int64_t end = begin + UnZigZag(Varint());
    begin_ = static_cast<uint32_t>(begin);
    return {file_, static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  }
  // A count of elements, each at least a byte: no more than the bytes left.
  size_t Count() { return std::min<uint64_t>(Varint(), bytes_.size() - std::min(at_, bytes_.size())); }
  std::string Text() {
    const size_t size = std::min<uint64_t>(Varint(), bytes_.size() - std::min(at_, bytes_.size()));
    std::string text(bytes_.substr(std::min(at_, bytes_.size()), size));
    at_ += size;
    return text;
  }
  uint64_t Varint() {
    uint64_t n = 0;
    for (int shift = 0; at_ < bytes_.size() && shift < 64; shift += 7) {
      const auto byte = static_cast<uint8_t>(bytes_[at_++]);
      n |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) break;
    }
    return n;
  }

  std::string_view bytes_;
  const PackedKeys& keys_;
  size_t at_ = 0;
  FileId file_ = kNoFile;
  uint32_t begin_ = 0;
};

}  // namespace

uint32_t PackedKeys::Number(std::string_view key) {
  const size_t slot =
      key.empty() ? 0
                  : (key.size() * 7 + static_cast<unsigned char>(key.front()) * 3 + static_cast<unsigned char>(key.back())) %
                        kRecent;
  if (const uint32_t recent = recent_[slot]; recent != 0 && *keys_[recent - 1] == key) return recent - 1;
  auto found = numbers_.find(key);
  if (found == numbers_.end()) {
    found = numbers_.emplace(std::string(key), static_cast<uint32_t>(keys_.size())).first;
    keys_.push_back(&found->first);
  }
  recent_[slot] = found->second + 1;
  return found->second;
}

const std::string& PackedKeys::Key(uint64_t number) const {
  static const std::string none;
  return number < keys_.size() ? *keys_[number] : none;
}

const FieldDemand* MergedDemands::Merge(const FieldDemand* a, const FieldDemand& b) {
  std::unique_ptr<FieldDemand>& made = made_[{a, &b}];
  if (!made) {
    made = std::make_unique<FieldDemand>(b);
    if (a) made->Merge(*a);
  }
  return made.get();
}

void PackProjection(const Value& value, const FieldDemand& demand, PackedKeys& keys, std::string& out,
                    MergedDemands* merged, uint32_t offset) {
  MergedDemands own;
  Packer(keys, out, merged ? *merged : own, value.origin().file, offset).Node(value, &demand);
}

Value UnpackObject(std::string_view bytes, const PackedKeys& keys) { return Unpacker(bytes, keys).Node(); }

Value Project(const Value& value, const FieldDemand& demand) {
  PackedKeys keys;
  std::string bytes;
  PackProjection(value, demand, keys, bytes);
  return UnpackObject(bytes, keys);
}

}  // namespace mast
