// The compact binary form of a Kubernetes type catalog, and a zero-copy view
// over it.
//
// The generator (generator/kube_schema_gen.cpp) converts and merges the
// OpenAPI documents of several Kubernetes releases into these bytes at build
// time; `FromOpenApi` converts one document at run time. Nothing is decoded
// up front: every record has a fixed size and is read in place, so opening a
// catalog costs one header check, and names are handed out as string_views
// into the bytes.
//
// Layout (all integers little-endian; offsets are from the start of the blob):
//
//   Header        24 x u32, see HeaderWord
//   string index  u32[string_count + 1]: string i is data[index[i], index[i+1])
//   string data   bytes, no terminators; string 0 is ""
//   text index    u32[text_count + 1], offsets into the unpacked text data
//   text data     descriptions, deflated with zlib when packed size < size;
//                 text 0 is "". Only hover and completion read them, so they
//                 are inflated on first use (KubeCatalog)
//   releases      u32[release_count]: string ids of release names, oldest
//                 first ("1.28", ...); "" for a converted single document
//   types         TypeRecord[type_count]; a type id is its index; type 0 is "any"
//   fields        FieldRecord[field_count]; each object's fields are contiguous
//                 and sorted by name (byte order), so lookup is a binary search.
//                 A name appears more than once when its type or requiredness
//                 changed between releases; those records' masks are disjoint
//   modules       ModuleRecord[module_count], sorted by path; an alias record
//                 ("k8s/networking.k8s.io/v1") shares its canonical's members
//   members       MemberRecord[member_count], grouped by module, sorted by name
//   resources     ResourceRecord[resource_count], sorted by (apiVersion, kind)
//
// Every type, field, module, member and resource carries a ReleaseMask: bit i
// set means it exists in release i. Lookups take the release to look in.
//
// Bump kFormatVersion whenever the layout changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mast::schemas {

inline constexpr uint32_t kMagic = 0x314B534Du;  // "MSK1"
inline constexpr uint32_t kFormatVersion = 3;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;
inline constexpr uint32_t kAnyType = 0;

// Bit i: release i of the catalog (CatalogView::ReleaseName).
using ReleaseMask = uint32_t;
inline constexpr uint32_t kMaxReleases = 32;
// The newest release of a non-empty mask, and the oldest.
inline uint32_t NewestRelease(ReleaseMask mask) { return 31u - static_cast<uint32_t>(__builtin_clz(mask)); }
inline uint32_t OldestRelease(ReleaseMask mask) { return static_cast<uint32_t>(__builtin_ctz(mask)); }

enum HeaderWord : uint32_t {
  kHeaderMagic,
  kHeaderVersion,
  kHeaderTotalSize,
  kHeaderStringCount,
  kHeaderStringIndex,
  kHeaderStringData,
  kHeaderTextCount,
  kHeaderTextIndex,
  kHeaderTextData,
  kHeaderTextPackedSize,  // bytes at kHeaderTextData
  kHeaderTextSize,        // bytes once inflated; equal to the packed size when stored as is
  kHeaderReleaseCount,
  kHeaderReleases,
  kHeaderTypeCount,
  kHeaderTypes,
  kHeaderFieldCount,
  kHeaderFields,
  kHeaderModuleCount,
  kHeaderModules,
  kHeaderMemberCount,
  kHeaderMembers,
  kHeaderResourceCount,
  kHeaderResources,
  kHeaderWordCount,
};
inline constexpr size_t kHeaderSize = kHeaderWordCount * 4;

// Value formats the validator checks beyond the kind.
enum class Format : uint8_t { kNone, kInt32, kInt64, kDateTime, kByte };

// TypeRecord.flags bits.
inline constexpr uint8_t kTypeNamed = 1;  // a definition of the document, not synthesized
inline constexpr uint8_t kTypeOpen = 2;   // an object that also keeps unknown fields
// The required fields differ between releases, so kRequiredCount is not
// exact for every release; the validator counts them per release instead.
inline constexpr uint8_t kTypeRequiredVaries = 4;

// FieldRecord.flags bits.
inline constexpr uint32_t kFieldRequired = 1;
inline constexpr uint32_t kFieldDeprecated = 2;  // its description says it is deprecated

// Record sizes and the byte offset of each member inside a record.
struct TypeLayout {
  static constexpr size_t kSize = 40;
  static constexpr size_t kKind = 0;            // u8: ExternalKind
  static constexpr size_t kFormat = 1;          // u8: Format
  static constexpr size_t kFlags = 2;           // u8: kType* bits
  static constexpr size_t kElement = 4;         // u32: item type of a list, value type of a map
  static constexpr size_t kName = 8;            // u32 string: full definition name or "[]Container"
  static constexpr size_t kDescription = 12;    // u32 text
  static constexpr size_t kFirstField = 16;     // u32
  static constexpr size_t kFieldCount = 20;     // u16
  static constexpr size_t kRequiredCount = 22;  // u16
  static constexpr size_t kModule = 24;         // u32 module index, or kNone
  static constexpr size_t kResource = 28;       // u32 preferred resource index, or kNone
  static constexpr size_t kReleases = 32;       // u32 ReleaseMask
  static constexpr size_t kMergeKeys = 36;      // u32 string: a list's merge keys joined by ',', or ""
};
struct FieldLayout {
  static constexpr size_t kSize = 20;
  static constexpr size_t kName = 0;
  static constexpr size_t kType = 4;
  static constexpr size_t kDescription = 8;  // u32 text
  static constexpr size_t kFlags = 12;
  static constexpr size_t kReleases = 16;
};
struct ModuleLayout {
  static constexpr size_t kSize = 20;
  static constexpr size_t kPath = 0;
  static constexpr size_t kFirstMember = 4;
  static constexpr size_t kMemberCount = 8;
  static constexpr size_t kCanonical = 12;  // module index; itself when not an alias
  static constexpr size_t kReleases = 16;
};
struct MemberLayout {
  static constexpr size_t kSize = 12;
  static constexpr size_t kName = 0;
  static constexpr size_t kType = 4;
  static constexpr size_t kReleases = 8;
};
struct ResourceLayout {
  static constexpr size_t kSize = 16;
  static constexpr size_t kApiVersion = 0;
  static constexpr size_t kKind = 4;
  static constexpr size_t kType = 8;
  static constexpr size_t kReleases = 12;
};

inline uint32_t LoadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}
inline uint16_t LoadU16(const uint8_t* p) {
  return static_cast<uint16_t>(static_cast<uint16_t>(p[0]) | static_cast<uint16_t>(p[1]) << 8);
}

// A read-only view of catalog bytes. Cheap to copy; the bytes must outlive it.
// Every accessor assumes `Open` succeeded and ids are in range (ids come from
// the catalog itself).
class CatalogView {
 public:
  CatalogView() = default;

  // Checks the header and that every section lies inside the bytes. On
  // failure returns false and says why in `error`.
  bool Open(const uint8_t* data, size_t size, std::string_view* error);

  uint32_t Header(HeaderWord word) const { return LoadU32(data_ + 4 * word); }

  std::string_view String(uint32_t id) const {
    const uint8_t* index = data_ + string_index_ + 4 * static_cast<size_t>(id);
    const uint32_t begin = LoadU32(index);
    const uint32_t end = LoadU32(index + 4);
    return {reinterpret_cast<const char*>(data_ + string_data_ + begin), end - begin};
  }

  // Texts (descriptions). `unpacked` is the whole inflated text data (see
  // UnpackTexts); text 0 is "".
  std::string_view Text(uint32_t id, std::string_view unpacked) const {
    const uint8_t* index = data_ + text_index_ + 4 * static_cast<size_t>(id);
    const uint32_t begin = LoadU32(index);
    const uint32_t end = LoadU32(index + 4);
    if (end > unpacked.size() || begin > end) return {};
    return unpacked.substr(begin, end - begin);
  }
  // The stored text data, and whether it is deflated.
  std::string_view PackedTexts() const {
    return {reinterpret_cast<const char*>(data_ + text_data_), Header(kHeaderTextPackedSize)};
  }
  bool TextsDeflated() const { return Header(kHeaderTextPackedSize) != Header(kHeaderTextSize); }

  uint32_t type_count() const { return type_count_; }
  uint32_t module_count() const { return module_count_; }
  uint32_t resource_count() const { return resource_count_; }
  uint32_t release_count() const { return release_count_; }
  // Every release of the catalog.
  ReleaseMask AllReleases() const {
    return release_count_ >= 32 ? 0xFFFFFFFFu : (ReleaseMask{1} << release_count_) - 1;
  }
  std::string_view ReleaseName(uint32_t release) const {
    return String(LoadU32(data_ + releases_ + 4 * static_cast<size_t>(release)));
  }

  const uint8_t* TypeRecord(uint32_t type) const {
    return data_ + types_ + TypeLayout::kSize * static_cast<size_t>(type);
  }
  const uint8_t* FieldRecord(uint32_t field) const {
    return data_ + fields_ + FieldLayout::kSize * static_cast<size_t>(field);
  }
  const uint8_t* ModuleRecord(uint32_t module) const {
    return data_ + modules_ + ModuleLayout::kSize * static_cast<size_t>(module);
  }
  const uint8_t* MemberRecord(uint32_t member) const {
    return data_ + members_ + MemberLayout::kSize * static_cast<size_t>(member);
  }
  const uint8_t* ResourceRecord(uint32_t resource) const {
    return data_ + resources_ + ResourceLayout::kSize * static_cast<size_t>(resource);
  }

  // Type accessors.
  uint8_t KindByte(uint32_t type) const { return TypeRecord(type)[TypeLayout::kKind]; }
  Format FormatOf(uint32_t type) const { return static_cast<Format>(TypeRecord(type)[TypeLayout::kFormat]); }
  uint8_t Flags(uint32_t type) const { return TypeRecord(type)[TypeLayout::kFlags]; }
  uint32_t Element(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kElement); }
  std::string_view Name(uint32_t type) const { return String(LoadU32(TypeRecord(type) + TypeLayout::kName)); }
  uint32_t DescriptionText(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kDescription); }
  uint32_t FirstField(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kFirstField); }
  uint32_t FieldCount(uint32_t type) const { return LoadU16(TypeRecord(type) + TypeLayout::kFieldCount); }
  uint32_t RequiredCount(uint32_t type) const { return LoadU16(TypeRecord(type) + TypeLayout::kRequiredCount); }
  uint32_t ModuleOf(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kModule); }
  uint32_t ResourceOf(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kResource); }
  ReleaseMask TypeReleases(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kReleases); }
  // "name", "containerPort,protocol" for a list that merges by key; "" otherwise.
  std::string_view MergeKeys(uint32_t type) const {
    return String(LoadU32(TypeRecord(type) + TypeLayout::kMergeKeys));
  }
  // "DeploymentSpec" for "io.k8s.api.apps.v1.DeploymentSpec"; synthesized names as they are.
  std::string_view ShortName(uint32_t type) const;

  // Field accessors (global field index).
  std::string_view FieldName(uint32_t field) const { return String(LoadU32(FieldRecord(field) + FieldLayout::kName)); }
  uint32_t FieldType(uint32_t field) const { return LoadU32(FieldRecord(field) + FieldLayout::kType); }
  uint32_t FieldDescriptionText(uint32_t field) const {
    return LoadU32(FieldRecord(field) + FieldLayout::kDescription);
  }
  uint32_t FieldFlags(uint32_t field) const { return LoadU32(FieldRecord(field) + FieldLayout::kFlags); }
  bool FieldRequired(uint32_t field) const { return (FieldFlags(field) & kFieldRequired) != 0; }
  ReleaseMask FieldReleases(uint32_t field) const { return LoadU32(FieldRecord(field) + FieldLayout::kReleases); }
  // Global index of the field `name` of `type` that exists in a release of
  // `releases`, or kNone. Binary search.
  uint32_t FindField(uint32_t type, std::string_view name, ReleaseMask releases) const;
  // The newest record of field `name` in any release, or kNone.
  uint32_t FindFieldInAnyRelease(uint32_t type, std::string_view name) const;
  // The releases of every record of field `name` of `type` (0 when none).
  ReleaseMask FieldReleasesByName(uint32_t type, std::string_view name) const;

  // Module accessors.
  std::string_view ModulePath(uint32_t module) const {
    return String(LoadU32(ModuleRecord(module) + ModuleLayout::kPath));
  }
  uint32_t Canonical(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kCanonical); }
  uint32_t FirstMember(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kFirstMember); }
  uint32_t MemberCount(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kMemberCount); }
  ReleaseMask ModuleReleases(uint32_t module) const {
    return LoadU32(ModuleRecord(module) + ModuleLayout::kReleases);
  }
  std::string_view MemberName(uint32_t member) const {
    return String(LoadU32(MemberRecord(member) + MemberLayout::kName));
  }
  uint32_t MemberType(uint32_t member) const { return LoadU32(MemberRecord(member) + MemberLayout::kType); }
  ReleaseMask MemberReleases(uint32_t member) const {
    return LoadU32(MemberRecord(member) + MemberLayout::kReleases);
  }
  uint32_t FindModule(std::string_view path) const;  // any release; or kNone
  // Type id of member `name` of `module` in a release of `releases`, or kNone.
  uint32_t FindMember(uint32_t module, std::string_view name, ReleaseMask releases) const;
  // Member record index of the newest `name` of `module` in any release, or kNone.
  uint32_t FindMemberInAnyRelease(uint32_t module, std::string_view name) const;

  // Resource accessors.
  std::string_view ResourceApiVersion(uint32_t resource) const {
    return String(LoadU32(ResourceRecord(resource) + ResourceLayout::kApiVersion));
  }
  std::string_view ResourceKind(uint32_t resource) const {
    return String(LoadU32(ResourceRecord(resource) + ResourceLayout::kKind));
  }
  uint32_t ResourceType(uint32_t resource) const { return LoadU32(ResourceRecord(resource) + ResourceLayout::kType); }
  ReleaseMask ResourceReleases(uint32_t resource) const {
    return LoadU32(ResourceRecord(resource) + ResourceLayout::kReleases);
  }
  // Type id of the resource in a release of `releases`, or kNone.
  uint32_t FindResource(std::string_view api_version, std::string_view kind, ReleaseMask releases) const;
  // Resource index of (api_version, kind) in any release (the newest), or kNone.
  uint32_t FindResourceInAnyRelease(std::string_view api_version, std::string_view kind) const;
  // The releases that serve (api_version, kind), over all its records (0 when none).
  ReleaseMask ResourceServed(std::string_view api_version, std::string_view kind) const;
  // First resource index not ordered before (api_version, kind): the newest
  // record of that pair when there is one.
  uint32_t FirstResource(std::string_view api_version, std::string_view kind) const;

 private:
  // First index in [low, high) whose key is not less than `name`.
  template <typename KeyOf>
  static uint32_t LowerBound(uint32_t low, uint32_t high, std::string_view name, KeyOf key_of);

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  uint32_t string_index_ = 0;
  uint32_t string_data_ = 0;
  uint32_t text_index_ = 0;
  uint32_t text_data_ = 0;
  uint32_t releases_ = 0;
  uint32_t release_count_ = 0;
  uint32_t types_ = 0;
  uint32_t type_count_ = 0;
  uint32_t fields_ = 0;
  uint32_t modules_ = 0;
  uint32_t module_count_ = 0;
  uint32_t members_ = 0;
  uint32_t resources_ = 0;
  uint32_t resource_count_ = 0;
};

// Inflates the text data of `view` into `out`. Returns false when the data is
// corrupt (a build bug for the embedded catalog).
bool UnpackTexts(const CatalogView& view, std::string* out);

}  // namespace mast::schemas
