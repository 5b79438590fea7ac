// A loaded program: every module reachable from the entry files, with their
// declarations indexed and imports resolved. Built by LoadProgram
// (driver/load.cpp); checked by CheckProgram (check/) and evaluated by
// Evaluator (eval/), which both resolve its types through sema/.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/syntax/ast.h"
#include "compiler/types/external_types.h"
#include "compiler/types/types.h"
#include "compiler/value/value.h"

namespace mast {

struct ModuleInfo;

struct ImportTarget {
  std::string alias;
  SourceRange alias_range;
  ModuleInfo* module = nullptr;  // a Mast file
  std::string external_path;     // "k8s/apps/v1", or "crd:/abs/crds.yaml"
  bool IsExternal() const { return module == nullptr; }
};

struct ModuleInfo {
  FileId file = kNoFile;
  std::string path;  // as loaded (absolute or relative to the working dir)
  bool is_entry = false;
  // The file has syntax errors: its broken declarations are skipped, and
  // names the importers expect from it may be missing (E0209 says so once).
  bool has_syntax_errors = false;
  ast::Module ast;
  std::map<std::string, const ast::Decl*, std::less<>> decls;  // named declarations
  std::map<std::string, ImportTarget, std::less<>> imports;
  // Aliases of imports that could not be loaded (E0202, E0208, E0210, E0103,
  // reported at the import): their uses are not reported again.
  std::set<std::string, std::less<>> failed_imports;
  // Lazily resolved declared types (TypeResolver; nullptr while being
  // resolved), shared by the checker and the evaluator.
  std::map<std::string, TypeRef, std::less<>> resolved_types;
  // Lazily evaluated globals (eval/).
  std::map<std::string, std::optional<Value>, std::less<>> globals;  // nullopt = being evaluated
  std::set<std::string, std::less<>> failed_globals;  // reported once; later uses abort quietly
};

struct Program {
  std::vector<std::unique_ptr<ModuleInfo>> modules;  // every loaded file, in load order
  std::vector<ModuleInfo*> entries;                   // the files named on the command line, in order
  const ExternalTypes* external = nullptr;
  std::string project_root;  // readFile is confined to this directory
};

// The module loaded from `file`; null if none is.
ModuleInfo* ModuleOf(Program& program, FileId file);

}  // namespace mast
