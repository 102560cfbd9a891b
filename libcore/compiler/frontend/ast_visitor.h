// Clang's RecursiveASTVisitor, included with GCC 12's -Wnonnull silenced: GCC inlines the C++
// base-class walk (never reached for C) and warns about a null ExternalASTSource on it, a
// false positive that -Werror builds would otherwise stop on.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#include <clang/AST/RecursiveASTVisitor.h>
#pragma GCC diagnostic pop
