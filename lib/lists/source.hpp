#pragma once

#include "diag/diagnostic.hpp"
#include "lists/model.hpp"

#include <string>
#include <utility>
#include <vector>

namespace duty::lists {

// Turns a Loc into a display location: the column in code points and the
// source line's text. `length` (code points) sets an end column when known.
diag::Location
locate(const std::vector<SourceFile>& files, Loc loc, size_t length = 0);

// Length in code points of a node's token on its line, for carets; 0 when unknown.
size_t
token_length(const YNode& n);

inline Loc
loc_of(uint32_t file, const YNode& n)
{
  return Loc{file, n.line, n.col};
}

// Records the line of the item at `loc` as a place where a suppression
// comment for `d` may sit.
void
add_item_line(const std::vector<SourceFile>& files, diag::Diagnostic& d, Loc loc);

// Collects diagnostics against a set of source files; severity comes from
// the rule table unless given.
class Sink
{
public:
  explicit Sink(const std::vector<SourceFile>& files) : m_files(files) {}

  diag::Diagnostic& add(Loc loc, std::string_view rule, std::string message,
                        std::string hint = {}, size_t length = 0);
  diag::Diagnostic& add(uint32_t file, const YNode& node, std::string_view rule,
                        std::string message, std::string hint = {});
  void relate(diag::Diagnostic& d, Loc loc, std::string message);

  std::vector<diag::Diagnostic> take() { return std::move(m_diags); }

private:
  const std::vector<SourceFile>& m_files;
  std::vector<diag::Diagnostic> m_diags;
};

} // namespace duty::lists
