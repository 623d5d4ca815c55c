#include "lists/source.hpp"

#include "diag/rules.hpp"
#include "util/text.hpp"

#include <algorithm>

namespace duty::lists {

diag::Location
locate(const std::vector<SourceFile>& files, Loc loc, size_t length)
{
  diag::Location out;
  if (loc.file >= files.size())
    return out;
  const SourceFile& f = files[loc.file];
  out.file = f.path;
  out.line = static_cast<int>(loc.line);
  if (loc.line == 0 || loc.line > f.line_starts.size())
    return out;
  size_t start = f.line_starts[loc.line - 1];
  size_t end = f.text.find('\n', start);
  if (end == std::string::npos)
    end = f.text.size();
  std::string_view line(f.text.data() + start, end - start);
  if (line.ends_with('\r'))
    line.remove_suffix(1);
  out.source = std::string(line);
  if (loc.col > 0) {
    size_t bytes = std::min<size_t>(loc.col - 1, line.size());
    out.column = static_cast<int>(util::count_code_points(line.substr(0, bytes)) + 1);
    if (length > 0)
      out.end_column = out.column + static_cast<int>(length);
  }
  return out;
}

size_t
token_length(const YNode& n)
{
  if (n.kind != YNode::Kind::scalar || n.text.find('\n') != std::string::npos)
    return 0;
  size_t len = util::count_code_points(n.text);
  if (len == 0 || len > 200)
    return 0;
  return n.quoted ? len + 2 : len;
}

void
add_item_line(const std::vector<SourceFile>& files, diag::Diagnostic& d, Loc loc)
{
  if (loc.file < files.size())
    d.item_lines.emplace_back(files[loc.file].path, static_cast<int>(loc.line));
}

diag::Diagnostic&
Sink::add(Loc loc, std::string_view rule, std::string message, std::string hint, size_t length)
{
  diag::Diagnostic d;
  d.location = locate(m_files, loc, length);
  const diag::Rule* r = diag::find_rule(rule);
  d.severity = r ? r->severity : diag::Severity::error;
  d.rule = std::string(rule);
  d.message = std::move(message);
  d.hint = std::move(hint);
  m_diags.push_back(std::move(d));
  return m_diags.back();
}

diag::Diagnostic&
Sink::add(uint32_t file, const YNode& node, std::string_view rule, std::string message,
          std::string hint)
{
  return add(loc_of(file, node), rule, std::move(message), std::move(hint), token_length(node));
}

void
Sink::relate(diag::Diagnostic& d, Loc loc, std::string message)
{
  d.related.push_back({locate(m_files, loc), std::move(message)});
}

} // namespace duty::lists
