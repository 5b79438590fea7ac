#include "schemas/catalog_format.h"

#include <zlib.h>

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
  text_index_ = Header(kHeaderTextIndex);
  text_data_ = Header(kHeaderTextData);
  releases_ = Header(kHeaderReleases);
  release_count_ = Header(kHeaderReleaseCount);
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
  const uint32_t text_count = Header(kHeaderTextCount);
  if (text_count == 0 || !SectionFits(size, text_index_, uint64_t{text_count} + 1, 4) ||
      !SectionFits(size, text_data_, Header(kHeaderTextPackedSize), 1)) {
    return fail("catalog text section is out of bounds");
  }
  if (release_count_ == 0 || release_count_ > kMaxReleases || !SectionFits(size, releases_, release_count_, 4)) {
    return fail("catalog release list is out of bounds");
  }
  if (type_count_ == 0 || !SectionFits(size, types_, type_count_, TypeLayout::kSize) ||
      !SectionFits(size, fields_, Header(kHeaderFieldCount), FieldLayout::kSize) ||
      !SectionFits(size, modules_, module_count_, ModuleLayout::kSize) ||
      !SectionFits(size, members_, Header(kHeaderMemberCount), MemberLayout::kSize) ||
      !SectionFits(size, resources_, resource_count_, ResourceLayout::kSize)) {
    return fail("catalog section is out of bounds");
  }
  return true;
}

bool UnpackTexts(const CatalogView& view, std::string* out) {
  const std::string_view packed = view.PackedTexts();
  if (!view.TextsDeflated()) {
    out->assign(packed);
    return true;
  }
  out->resize(view.Header(kHeaderTextSize));
  uLongf size = static_cast<uLongf>(out->size());
  const int status = uncompress(reinterpret_cast<Bytef*>(out->data()), &size,
                                reinterpret_cast<const Bytef*>(packed.data()), static_cast<uLong>(packed.size()));
  if (status != Z_OK || size != out->size()) {
    out->clear();
    return false;
  }
  return true;
}

std::string_view CatalogView::ShortName(uint32_t type) const {
  std::string_view name = Name(type);
  if ((Flags(type) & kTypeNamed) == 0) return name;
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

template <typename KeyOf>
uint32_t CatalogView::LowerBound(uint32_t low, uint32_t high, std::string_view name, KeyOf key_of) {
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    if (key_of(mid).compare(name) < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

// The hot lookup of every check: a plain binary search that stops at the
// first equal name, which is almost always the only record of that name.
uint32_t CatalogView::FindField(uint32_t type, std::string_view name, ReleaseMask releases) const {
  const uint32_t first = FirstField(type);
  const uint32_t end = first + FieldCount(type);
  uint32_t low = first;
  uint32_t high = end;
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    const int order = FieldName(mid).compare(name);
    if (order < 0) {
      low = mid + 1;
    } else if (order > 0) {
      high = mid;
    } else {
      if ((FieldReleases(mid) & releases) != 0) return mid;
      // Records of one name (its type changed between releases) are adjacent.
      for (uint32_t f = mid; f-- > first && FieldName(f) == name;) {
        if ((FieldReleases(f) & releases) != 0) return f;
      }
      for (uint32_t f = mid + 1; f < end && FieldName(f) == name; ++f) {
        if ((FieldReleases(f) & releases) != 0) return f;
      }
      return kNone;
    }
  }
  return kNone;
}

uint32_t CatalogView::FindFieldInAnyRelease(uint32_t type, std::string_view name) const {
  const uint32_t end = FirstField(type) + FieldCount(type);
  auto name_of = [this](uint32_t field) { return FieldName(field); };
  uint32_t newest = kNone;
  for (uint32_t field = LowerBound(FirstField(type), end, name, name_of); field < end && FieldName(field) == name;
       ++field) {
    if (newest == kNone || FieldReleases(field) > FieldReleases(newest)) newest = field;
  }
  return newest;
}

ReleaseMask CatalogView::FieldReleasesByName(uint32_t type, std::string_view name) const {
  const uint32_t end = FirstField(type) + FieldCount(type);
  auto name_of = [this](uint32_t field) { return FieldName(field); };
  ReleaseMask releases = 0;
  for (uint32_t field = LowerBound(FirstField(type), end, name, name_of); field < end && FieldName(field) == name;
       ++field) {
    releases |= FieldReleases(field);
  }
  return releases;
}

uint32_t CatalogView::FindModule(std::string_view path) const {
  auto path_of = [this](uint32_t module) { return ModulePath(module); };
  const uint32_t module = LowerBound(0, module_count_, path, path_of);
  return module < module_count_ && ModulePath(module) == path ? module : kNone;
}

uint32_t CatalogView::FindMemberInAnyRelease(uint32_t module, std::string_view name) const {
  const uint32_t end = FirstMember(module) + MemberCount(module);
  auto name_of = [this](uint32_t member) { return MemberName(member); };
  uint32_t newest = kNone;
  for (uint32_t member = LowerBound(FirstMember(module), end, name, name_of);
       member < end && MemberName(member) == name; ++member) {
    if (newest == kNone || MemberReleases(member) > MemberReleases(newest)) newest = member;
  }
  return newest;
}

uint32_t CatalogView::FindMember(uint32_t module, std::string_view name, ReleaseMask releases) const {
  const uint32_t end = FirstMember(module) + MemberCount(module);
  auto name_of = [this](uint32_t member) { return MemberName(member); };
  for (uint32_t member = LowerBound(FirstMember(module), end, name, name_of);
       member < end && MemberName(member) == name; ++member) {
    if ((MemberReleases(member) & releases) != 0) return MemberType(member);
  }
  return kNone;
}

uint32_t CatalogView::FirstResource(std::string_view api_version, std::string_view kind) const {
  uint32_t low = 0;
  uint32_t high = resource_count_;
  while (low < high) {
    const uint32_t mid = low + (high - low) / 2;
    int order = ResourceApiVersion(mid).compare(api_version);
    if (order == 0) order = ResourceKind(mid).compare(kind);
    if (order < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

uint32_t CatalogView::FindResourceInAnyRelease(std::string_view api_version, std::string_view kind) const {
  const uint32_t low = FirstResource(api_version, kind);
  uint32_t newest = kNone;
  for (uint32_t r = low; r < resource_count_ && ResourceApiVersion(r) == api_version && ResourceKind(r) == kind; ++r) {
    if (newest == kNone || ResourceReleases(r) > ResourceReleases(newest)) newest = r;
  }
  return newest;
}

ReleaseMask CatalogView::ResourceServed(std::string_view api_version, std::string_view kind) const {
  ReleaseMask served = 0;
  for (uint32_t r = FirstResource(api_version, kind);
       r < resource_count_ && ResourceApiVersion(r) == api_version && ResourceKind(r) == kind; ++r) {
    served |= ResourceReleases(r);
  }
  return served;
}

uint32_t CatalogView::FindResource(std::string_view api_version, std::string_view kind, ReleaseMask releases) const {
  const uint32_t low = FirstResource(api_version, kind);
  for (uint32_t r = low; r < resource_count_ && ResourceApiVersion(r) == api_version && ResourceKind(r) == kind; ++r) {
    if ((ResourceReleases(r) & releases) != 0) return ResourceType(r);
  }
  return kNone;
}

}  // namespace mast::schemas
