#include "compiler/sema/program.h"

namespace mast {

ModuleInfo* ModuleOf(Program& program, FileId file) {
  for (auto& module : program.modules) {
    if (module->file == file) return module.get();
  }
  return nullptr;
}

}  // namespace mast
