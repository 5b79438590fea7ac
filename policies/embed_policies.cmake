# Writes a C++ file that embeds every built-in policy source (policies/builtin/*.mast).
# Invoked as: cmake -DOUTPUT=<file.cpp> -DINPUTS=<a.mast;b.mast> -P embed_policies.cmake
set(content "// Generated from policies/builtin/*.mast by embed_policies.cmake. Do not edit.\n")
string(APPEND content "#include \"policies/builtin_sources.h\"\n\nnamespace mast {\n\n")
string(APPEND content "const std::vector<BuiltinPolicySource>& BuiltinPolicySources() {\n")
string(APPEND content "  static const std::vector<BuiltinPolicySource> kSources = {\n")
foreach(input ${INPUTS})
  get_filename_component(name ${input} NAME)
  file(READ ${input} text)
  string(APPEND content "      {\"builtin/${name}\", R\"mast_policy_(${text})mast_policy_\"},\n")
endforeach()
string(APPEND content "  };\n  return kSources;\n}\n\n}  // namespace mast\n")
file(WRITE ${OUTPUT}.tmp "${content}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
