// The compact binary form of a Kubernetes type catalog, and a zero-copy view
// over it.
//
// The generator (generator/kube_schema_gen.cpp) converts the OpenAPI document
// into these bytes at build time; `FromOpenApi` does the same at run time.
// Nothing is decoded up front: every record has a fixed size and is read in
// place, so opening a catalog costs one header check, and strings (names and
// descriptions) are handed out as string_views into the bytes.
//
// Layout (all integers little-endian; offsets are from the start of the blob):
//
//   Header        16 x u32, see HeaderWord
//   string index  u32[string_count + 1]: string i is data[index[i], index[i+1])
//   string data   bytes, no terminators; string 0 is ""
//   types         TypeRecord[type_count]; a type id is its index; type 0 is "any"
//   fields        FieldRecord[field_count]; each object's fields are contiguous
//                 and sorted by name (byte order), so lookup is a binary search
//   modules       ModuleRecord[module_count], sorted by path; an alias record
//                 ("k8s/networking.k8s.io/v1") shares its canonical's members
//   members       MemberRecord[member_count], grouped by module, sorted by name
//   resources     ResourceRecord[resource_count], sorted by (apiVersion, kind)
//
// Bump kFormatVersion whenever the layout changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace mast::schemas {

inline constexpr uint32_t kMagic = 0x314B534Du;  // "MSK1"
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr uint32_t kNone = 0xFFFFFFFFu;
inline constexpr uint32_t kAnyType = 0;

enum HeaderWord : uint32_t {
  kHeaderMagic,
  kHeaderVersion,
  kHeaderTotalSize,
  kHeaderStringCount,
  kHeaderStringIndex,
  kHeaderStringData,
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

// FieldRecord.flags bits.
inline constexpr uint32_t kFieldRequired = 1;

// Record sizes and the byte offset of each member inside a record.
struct TypeLayout {
  static constexpr size_t kSize = 32;
  static constexpr size_t kKind = 0;            // u8: ExternalKind
  static constexpr size_t kFormat = 1;          // u8: Format
  static constexpr size_t kFlags = 2;           // u8: kType* bits
  static constexpr size_t kElement = 4;         // u32: item type of a list, value type of a map
  static constexpr size_t kName = 8;            // u32 string: full definition name or "[]Container"
  static constexpr size_t kDescription = 12;    // u32 string
  static constexpr size_t kFirstField = 16;     // u32
  static constexpr size_t kFieldCount = 20;     // u16
  static constexpr size_t kRequiredCount = 22;  // u16
  static constexpr size_t kModule = 24;         // u32 module index, or kNone
  static constexpr size_t kResource = 28;       // u32 preferred resource index, or kNone
};
struct FieldLayout {
  static constexpr size_t kSize = 16;
  static constexpr size_t kName = 0;
  static constexpr size_t kType = 4;
  static constexpr size_t kDescription = 8;
  static constexpr size_t kFlags = 12;
};
struct ModuleLayout {
  static constexpr size_t kSize = 16;
  static constexpr size_t kPath = 0;
  static constexpr size_t kFirstMember = 4;
  static constexpr size_t kMemberCount = 8;
  static constexpr size_t kCanonical = 12;  // module index; itself when not an alias
};
struct MemberLayout {
  static constexpr size_t kSize = 8;
  static constexpr size_t kName = 0;
  static constexpr size_t kType = 4;
};
struct ResourceLayout {
  static constexpr size_t kSize = 12;
  static constexpr size_t kApiVersion = 0;
  static constexpr size_t kKind = 4;
  static constexpr size_t kType = 8;
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

  uint32_t type_count() const { return type_count_; }
  uint32_t module_count() const { return module_count_; }
  uint32_t resource_count() const { return resource_count_; }

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
  std::string_view Description(uint32_t type) const {
    return String(LoadU32(TypeRecord(type) + TypeLayout::kDescription));
  }
  uint32_t FirstField(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kFirstField); }
  uint32_t FieldCount(uint32_t type) const { return LoadU16(TypeRecord(type) + TypeLayout::kFieldCount); }
  uint32_t RequiredCount(uint32_t type) const { return LoadU16(TypeRecord(type) + TypeLayout::kRequiredCount); }
  uint32_t ModuleOf(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kModule); }
  uint32_t ResourceOf(uint32_t type) const { return LoadU32(TypeRecord(type) + TypeLayout::kResource); }
  // "DeploymentSpec" for "io.k8s.api.apps.v1.DeploymentSpec"; synthesized names as they are.
  std::string_view ShortName(uint32_t type) const;

  // Field accessors (global field index).
  std::string_view FieldName(uint32_t field) const { return String(LoadU32(FieldRecord(field) + FieldLayout::kName)); }
  uint32_t FieldType(uint32_t field) const { return LoadU32(FieldRecord(field) + FieldLayout::kType); }
  std::string_view FieldDescription(uint32_t field) const {
    return String(LoadU32(FieldRecord(field) + FieldLayout::kDescription));
  }
  bool FieldRequired(uint32_t field) const {
    return (LoadU32(FieldRecord(field) + FieldLayout::kFlags) & kFieldRequired) != 0;
  }
  // Global index of the field `name` of `type`, or kNone. Binary search.
  uint32_t FindField(uint32_t type, std::string_view name) const;

  // Module accessors.
  std::string_view ModulePath(uint32_t module) const {
    return String(LoadU32(ModuleRecord(module) + ModuleLayout::kPath));
  }
  uint32_t Canonical(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kCanonical); }
  uint32_t FirstMember(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kFirstMember); }
  uint32_t MemberCount(uint32_t module) const { return LoadU32(ModuleRecord(module) + ModuleLayout::kMemberCount); }
  std::string_view MemberName(uint32_t member) const {
    return String(LoadU32(MemberRecord(member) + MemberLayout::kName));
  }
  uint32_t MemberType(uint32_t member) const { return LoadU32(MemberRecord(member) + MemberLayout::kType); }
  uint32_t FindModule(std::string_view path) const;                   // or kNone
  uint32_t FindMember(uint32_t module, std::string_view name) const;  // type id or kNone

  // Resource accessors.
  std::string_view ResourceApiVersion(uint32_t resource) const {
    return String(LoadU32(ResourceRecord(resource) + ResourceLayout::kApiVersion));
  }
  std::string_view ResourceKind(uint32_t resource) const {
    return String(LoadU32(ResourceRecord(resource) + ResourceLayout::kKind));
  }
  uint32_t ResourceType(uint32_t resource) const { return LoadU32(ResourceRecord(resource) + ResourceLayout::kType); }
  uint32_t FindResource(std::string_view api_version, std::string_view kind) const;  // type id or kNone

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  uint32_t string_index_ = 0;
  uint32_t string_data_ = 0;
  uint32_t types_ = 0;
  uint32_t type_count_ = 0;
  uint32_t fields_ = 0;
  uint32_t modules_ = 0;
  uint32_t module_count_ = 0;
  uint32_t members_ = 0;
  uint32_t resources_ = 0;
  uint32_t resource_count_ = 0;
};

}  // namespace mast::schemas
