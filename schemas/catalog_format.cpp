#include "schemas/catalog_format.h"

namespace mast::schemas {

namespace {

bool SectionFits(size_t size, uint32_t offset, uint64_t count, size_t record_size) {
  return offset <= size && count * record_size <= size - offset;
}

}  // namespace

bool CatalogView::Open(const uint8_t* data, size_t size, std::string_view* error) {
  auto fail = [&](std::string_view why) {
    if (error) *error = why;
    return false;
  };
  if (data == nullptr || size < kHeaderSize) return fail("catalog is shorter than its header");
  data_ = data;
  size_ = size;
  if (Header(kHeaderMagic) != kMagic) return fail("catalog has a bad magic number");
  if (Header(kHeaderVersion) != kFormatVersion) return fail("catalog has an unsupported format version");
  if (Header(kHeaderTotalSize) != size) return fail("catalog size does not match its header");

  const uint32_t string_count = Header(kHeaderStringCount);
  string_index_ = Header(kHeaderStringIndex);
  string_data_ = Header(kHeaderStringData);
  types_ = Header(kHeaderTypes);
  type_count_ = Header(kHeaderTypeCount);
  fields_ = Header(kHeaderFields);
  modules_ = Header(kHeaderModules);
  module_count_ = Header(kHeaderModuleCount);
  members_ = Header(kHeaderMembers);
  resources_ = Header(kHeaderResources);
  resource_count_ = Header(kHeaderResourceCount);

  // Only section bounds are checked: the bytes come from our own writer, and
  // a full scan would cost start-up time on every run.
  if (string_count == 0 || !SectionFits(size, string_index_, uint64_t{string_count} + 1, 4)) {
    return fail("catalog string index is out of bounds");
  }
  const uint32_t string_bytes = LoadU32(data_ + string_index_ + 4 * static_cast<size_t>(string_count));
  if (!SectionFits(size, string_data_, string_bytes, 1)) return fail("catalog string data is out of bounds");
  if (type_count_ == 0 || !SectionFits(size, types_, type_count_, TypeLayout::kSize) ||
      !SectionFits(size, fields_, Header(kHeaderFieldCount), FieldLayout::kSize) ||
      !SectionFits(size, modules_, module_count_, ModuleLayout::kSize) ||
      !SectionFits(size, members_, Header(kHeaderMemberCount), MemberLayout::kSize) ||
      !SectionFits(size, resources_, resource_count_, ResourceLayout::kSize)) {
    return fail("catalog section is out of bounds");
  }
  return true;
}

std::string_view CatalogView::ShortName(uint32_t type) const {
  std::string_view name = Name(type);
  if ((Flags(type) & kTypeNamed) == 0) return name;
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

uint32_t CatalogView::FindField(uint32_t type, std::string_view name) const {
  uint32_t low = FirstField(type);
  uint32_t high = low + FieldCount(type);
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    const int order = FieldName(mid).compare(name);
    if (order == 0) return mid;
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return kNone;
}

uint32_t CatalogView::FindModule(std::string_view path) const {
  uint32_t low = 0;
  uint32_t high = module_count_;
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    const int order = ModulePath(mid).compare(path);
    if (order == 0) return mid;
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return kNone;
}

uint32_t CatalogView::FindMember(uint32_t module, std::string_view name) const {
  uint32_t low = FirstMember(module);
  uint32_t high = low + MemberCount(module);
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    const int order = MemberName(mid).compare(name);
    if (order == 0) return MemberType(mid);
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return kNone;
}

uint32_t CatalogView::FindResource(std::string_view api_version, std::string_view kind) const {
  uint32_t low = 0;
  uint32_t high = resource_count_;
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    int order = ResourceApiVersion(mid).compare(api_version);
    if (order == 0) order = ResourceKind(mid).compare(kind);
    if (order == 0) return ResourceType(mid);
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return kNone;
}

}  // namespace mast::schemas
