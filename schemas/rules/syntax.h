// The string syntaxes of Kubernetes names and keys, as
// k8s.io/apimachinery/pkg/util/validation and .../api/validate/content define
// them. Each *Problem function returns why a text breaks the syntax, worded as
// the second half of a finding ("a DNS-1123 label may have only ..."), or ""
// when the text is valid. The Suggest* functions return a nearby valid
// spelling, or "" when there is none worth offering.
#pragma once

#include <string>
#include <string_view>

namespace mast::rules {

enum class NameSyntax {
  kDnsSubdomain,  // IsDNS1123Subdomain: most object names
  kDnsLabel,      // IsDNS1123Label: namespaces, containers, volumes
  kDns1035Label,  // IsDNS1035Label: Services
  kPathSegment,   // path.IsValidPathSegmentName: RBAC roles and bindings
};

inline constexpr size_t kDnsLabelMaxLength = 63;
inline constexpr size_t kDnsSubdomainMaxLength = 253;

bool IsDnsLabel(std::string_view text);      // without the length limit
bool IsDnsSubdomain(std::string_view text);  // without the length limit
bool IsDns1035Label(std::string_view text);  // without the length limit

// `prefix` is for generateName, whose trailing '-' is allowed (it is
// completed by random characters).
std::string NameProblem(std::string_view text, NameSyntax syntax, bool prefix = false);
std::string SuggestName(std::string_view text, NameSyntax syntax);

// IsQualifiedName: an optional DNS subdomain prefix and '/', then a name of
// at most 63 letters, digits, '-', '_' and '.'.
std::string QualifiedNameProblem(std::string_view text);
// IsValidLabelValue: empty, or at most 63 letters, digits, '-', '_' and '.'
// starting and ending with a letter or digit.
std::string LabelValueProblem(std::string_view text);
std::string SuggestLabelValue(std::string_view text);
// IsValidPortName (IANA_SVC_NAME): at most 15 lowercase letters, digits and
// '-', with a letter, no "--" and no '-' at either end.
std::string PortNameProblem(std::string_view text);
std::string SuggestPortName(std::string_view text);
// IsConfigMapKey: at most 253 letters, digits, '-', '_' and '.', not `.`,
// `..` or starting with `..`.
std::string ConfigMapKeyProblem(std::string_view text);
std::string SuggestConfigMapKey(std::string_view text);
// IsEnvVarName (strict) or IsRelaxedEnvVarName.
std::string EnvVarNameProblem(std::string_view text, bool strict);
std::string SuggestEnvVarName(std::string_view text);
// IsValidPercent: digits followed by '%'.
bool IsPercent(std::string_view text);

}  // namespace mast::rules
