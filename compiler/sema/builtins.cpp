// The standard library's signatures. The evaluator implements each of
// these (eval/builtin_table.h); the checker, the docs and the editor read
// them from here.
#include "compiler/sema/builtins.h"

#include <algorithm>

namespace mast {
namespace {

constexpr BuiltinSignature kSignatures[] = {
    // The general library (eval/builtins.cpp).
    {"len", 1, 1,
     "len(x: string | [any] | {string: any}): int",
     "Number of characters (code points) of a string, items of a list, or fields of a record."},
    {"keys", 1, 1,
     "keys(m: {string: any}): [string]",
     "The keys of a record, in order."},
    {"values", 1, 1,
     "values(m: {string: any}): [any]",
     "The values of a record, in order."},
    {"sort", 1, 1,
     "sort(xs: [int] | [number] | [string]): [same]",
     "Sorts ascending; strings by bytes."},
    {"unique", 1, 1,
     "unique(xs: [any]): [any]",
     "Drops repeated items, keeping the first of each."},
    {"reverse", 1, 1,
     "reverse(xs: [any]): [any]",
     "The list in reverse order."},
    {"contains", 2, 2,
     "contains(haystack: [any] | string | {string: any}, needle: any): bool",
     "Whether a list has an item, a string has a substring, or a record has a key."},
    {"get", 2, 2,
     "get(m: any, key: string): any",
     "The field `key` of a record; null when `m` is not a record (null, say) or has no such field."},
    {"range", 1, 2,
     "range(end: int) | range(start: int, end: int): [int]",
     "Integers from start (0) up to end, exclusive."},
    {"min", 1, 1,
     "min(xs: [int] | [number] | [string]): same",
     "Smallest item."},
    {"max", 1, 1,
     "max(xs: [int] | [number] | [string]): same",
     "Largest item."},
    {"sum", 1, 1,
     "sum(xs: [int] | [number]): int | number",
     "Sum of the items."},
    {"flatten", 1, 1,
     "flatten(xss: [[any]]): [any]",
     "Concatenates a list of lists."},
    {"join", 2, 2,
     "join(xs: [string], separator: string): string",
     "Joins strings with a separator."},
    {"split", 2, 2,
     "split(s: string, separator: string): [string]",
     "Splits at every separator."},
    {"upper", 1, 1,
     "upper(s: string): string",
     "ASCII upper case."},
    {"lower", 1, 1,
     "lower(s: string): string",
     "ASCII lower case."},
    {"trim", 1, 1,
     "trim(s: string): string",
     "Removes leading and trailing white space."},
    {"trimPrefix", 2, 2,
     "trimPrefix(s: string, prefix: string): string",
     "Removes a prefix if present."},
    {"trimSuffix", 2, 2,
     "trimSuffix(s: string, suffix: string): string",
     "Removes a suffix if present."},
    {"startsWith", 2, 2,
     "startsWith(s: string, prefix: string): bool",
     "Whether s begins with prefix."},
    {"endsWith", 2, 2,
     "endsWith(s: string, suffix: string): bool",
     "Whether s ends with suffix."},
    {"replace", 3, 3,
     "replace(s: string, old: string, new: string): string",
     "Replaces every occurrence."},
    {"substr", 2, 3,
     "substr(s: string, start: int, length?: int): string",
     "Characters (code points) from `start`, `length` of them or to the end."},
    {"matches", 2, 2,
     "matches(s: string, pattern: string): bool",
     "RE2 partial match (anchor with ^ and $)."},
    {"sha256", 1, 1,
     "sha256(s: string): string",
     "Lower-case hex SHA-256, e.g. for checksum annotations."},
    {"base64Encode", 1, 1,
     "base64Encode(s: string): string",
     "Standard padded base64 (Secret data)."},
    {"base64Decode", 1, 1,
     "base64Decode(s: string): string",
     "Decodes standard padded base64."},
    {"toYaml", 1, 1,
     "toYaml(v: any): string",
     "YAML text of a value (for ConfigMap data)."},
    {"toJson", 1, 1,
     "toJson(v: any): string",
     "Compact JSON text of a value."},
    {"fromYaml", 1, 1,
     "fromYaml(text: string): any",
     "Parses one YAML (or JSON) document; null for an empty text."},
    {"fromYamlAll", 1, 1,
     "fromYamlAll(text: string): [any]",
     "Parses a multi-document YAML stream into a list of documents."},
    {"readFile", 1, 1,
     "readFile(path: string): string",
     "Contents of a file, relative to the calling file; confined to the project directory."},
    {"str", 1, 1,
     "str(v: int | number | bool | string): string",
     "Text of a scalar."},
    {"typeOf", 1, 1,
     "typeOf(v: any): string",
     "The kind of a value: \"null\", \"bool\", \"int\", \"number\", \"string\", \"list\" or \"record\"."},
    {"int", 1, 1,
     "int(v: string | number): int",
     "Parses a decimal string or truncates a number."},
    {"float", 1, 1,
     "float(v: int | number | string): number",
     "Converts to a floating-point number."},
    // Text (eval/builtins_text.cpp).
    {"format", 1, 33,
     "format(pattern: string, values: any...): string",
     "printf-style text: %s (any scalar), %d, %x (int), %f (number; `.2` precision), with `-` (left), "
     "`0` (zero padding), `+` and a width: `format(\"%05d\", 42)` is \"00042\"."},
    {"regexReplace", 3, 3,
     "regexReplace(s: string, pattern: string, replacement: string): string",
     "Replaces every RE2 match; `\\\\1` in the replacement is the first group."},
    {"regexFind", 2, 2,
     "regexFind(s: string, pattern: string): string | null",
     "The first RE2 match, or null."},
    {"regexFindAll", 2, 2,
     "regexFindAll(s: string, pattern: string): [string]",
     "Every non-overlapping RE2 match, in order."},
    // Kubernetes helpers, mostly for policies (eval/builtins_k8s.cpp).
    {"podSpec", 1, 1,
     "podSpec(object: any): {string: any} | null",
     "The pod spec of a Pod or of any workload's pod template (CronJob included); null otherwise."},
    {"podTemplate", 1, 1,
     "podTemplate(object: any): {string: any} | null",
     "The pod template (metadata and spec) of a workload; the object itself for a Pod."},
    {"containers", 1, 1,
     "containers(object: any): [{string: any}]",
     "The regular containers of a Pod or workload."},
    {"allContainers", 1, 1,
     "allContainers(object: any): [{string: any}]",
     "Init, regular and ephemeral containers of a Pod or workload."},
    {"quantity", 1, 1,
     "quantity(q: string | int | number): number | null",
     "A resource quantity in base units (`\"500m\"` is 0.5, `\"1Ki\"` is 1024); null if invalid."},
    {"selectorMatches", 2, 2,
     "selectorMatches(selector: {string: any}, labels: {string: string}): bool",
     "Whether a label selector (matchLabels/matchExpressions, or a plain map) selects the labels."},
    {"parseImage", 1, 1,
     "parseImage(reference: string): {registry, repository, tag, digest: string}",
     "Splits an image reference; the registry defaults to docker.io, missing parts are \"\"."},
    {"violation", 2, 2,
     "violation(at: any, message: string): {message: string}",
     "A policy finding located where `at` came from (a field's value, or the object that lacks it)."},
    {"objectsOfKind", 2, 2,
     "objectsOfKind(objects: [any], kind: string): [any]",
     "The objects of one kind, in order. Indexed once per list: use it on `context.objects` instead of "
     "a filter."},
    {"objectsWhere", 4, 4,
     "objectsWhere(objects: [any], kind: string, path: string, value: any): [any]",
     "The objects of a kind whose field at a dotted path (`\"metadata.name\"`) equals a scalar; indexed."},
    {"workloadsMatching", 3, 3,
     "workloadsMatching(objects: [any], selector: {string: any}, namespace: string | null): [any]",
     "The Pods and workloads whose pod labels a label selector selects, in a namespace (null or an unset "
     "namespace matches any); indexed."},
    {"selectorsMatching", 4, 4,
     "selectorsMatching(objects: [any], kind: string, labels: {string: string}, namespace: string | null): [any]",
     "The objects of a kind (Service, PodDisruptionBudget, NetworkPolicy, ...) whose selector selects the "
     "labels, in a namespace (null or an unset namespace matches any); indexed."},
    {"isLabelValue", 1, 1,
     "isLabelValue(value: any): bool",
     "Whether a value is a valid label value: a string of at most 63 alphanumerics, `-`, `_` or `.`, "
     "starting and ending with an alphanumeric, or empty. False for anything that is not a string."},
    {"isQualifiedName", 1, 1,
     "isQualifiedName(key: string): bool",
     "Whether a string is a valid label or annotation key: an optional DNS subdomain and `/`, then a name "
     "of at most 63 alphanumerics, `-`, `_` or `.`, starting and ending with an alphanumeric."},
    // Markers for `with` (eval/builtins_merge.cpp).
    {"delete", 1, 1,
     "delete(item: {string: any}): {string: any}",
     "In the right side of `with`: removes the base list item with the same merge keys."},
    {"replaceList", 1, 1,
     "replaceList(items: [any]): [any]",
     "In the right side of `with`: replaces the whole list instead of merging it by key."},
};

// The signatures, by name.
const std::vector<BuiltinSignature>& SortedSignatures() {
  static const std::vector<BuiltinSignature> kSorted = [] {
    std::vector<BuiltinSignature> sorted(std::begin(kSignatures), std::end(kSignatures));
    std::sort(sorted.begin(), sorted.end(),
              [](const BuiltinSignature& a, const BuiltinSignature& b) { return a.name < b.name; });
    return sorted;
  }();
  return kSorted;
}

}  // namespace

std::vector<BuiltinSignature> AllBuiltins() { return SortedSignatures(); }

const BuiltinSignature* FindBuiltinSignature(std::string_view name) {
  const std::vector<BuiltinSignature>& sorted = SortedSignatures();
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const BuiltinSignature& signature, std::string_view key) { return signature.name < key; });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

const std::vector<std::string_view>& BuiltinNames() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    for (const BuiltinSignature& signature : SortedSignatures()) names.push_back(signature.name);
    return names;
  }();
  return kNames;
}

}  // namespace mast
