# mast_target_warnings(target): the warning set for our own code.
function(mast_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
