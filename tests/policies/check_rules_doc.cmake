# Fails when docs/rules.md is not what `mast rules --markdown` generates.
# Invoked as: cmake -DMAST=<mast> -DREFERENCE=<docs/rules.md> -P check_rules_doc.cmake
execute_process(COMMAND ${MAST} rules --markdown OUTPUT_VARIABLE generated RESULT_VARIABLE result
                ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "`mast rules --markdown` failed (${result}):\n${errors}")
endif()
file(READ ${REFERENCE} committed)
if(NOT generated STREQUAL committed)
  message(FATAL_ERROR
    "docs/rules.md is out of date with the built-in policies (policies/builtin/*.mast).\n"
    "Regenerate it with `cmake --build <build-dir> --target update-rules-doc`\n"
    "(or `<build-dir>/cli/mast rules --markdown -o docs/rules.md`) and commit the result.")
endif()
