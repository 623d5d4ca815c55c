// Reading a list set as it was at a git revision: git ls-tree for the files,
// one git cat-file --batch for their contents, nothing written to disk.
#include "diff/diff.hpp"

#include "lists/config.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace duty::diff {

namespace {

std::string
git(const std::string& dir, std::vector<std::string> args, std::string_view input = {})
{
  args.insert(args.begin(), {"git", "-C", dir});
  util::ProcessResult r = util::run_process(args, input);
  if (!r.started)
    throw UsageError("cannot run git (needed for --rev): " + r.error);
  if (r.status != 0) {
    std::string err(util::trim(r.err));
    throw UsageError(fmt::format("git {} failed{}", args[3], err.empty() ? "" : ": " + err));
  }
  return r.out;
}

bool
wanted(std::string_view rel)
{
  if (!(rel.ends_with(".yaml") || rel.ends_with(".yml")))
    return false;
  // Hidden files and directories are skipped, as in a directory on disk.
  for (size_t start = 0; start < rel.size();) {
    if (rel[start] == '.')
      return false;
    size_t slash = rel.find('/', start);
    if (slash == std::string_view::npos)
      break;
    start = slash + 1;
  }
  return !lists::is_config_name(rel); // the set's duty.yaml
}

struct Entry
{
  std::string rel, object;
};

} // namespace

Side
read_revision(const std::string& rev, const std::string& dir)
{
  if (rev.empty() || rev.starts_with("-"))
    throw UsageError(fmt::format("--rev: {} is not a revision", util::quote(rev)));
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw UsageError(fmt::format("--rev: {} is not a directory", util::quote(dir)));
  util::ProcessResult w = util::run_process({"git", "-C", dir, "rev-parse", "--is-inside-work-tree"});
  if (!w.started)
    throw UsageError("cannot run git (needed for --rev): " + w.error);
  if (w.status != 0 || w.out.find("true") == std::string::npos)
    throw UsageError(fmt::format("--rev: {} is not inside a git work tree", dir));
  util::ProcessResult v = util::run_process({"git", "-C", dir, "rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  if (v.status != 0)
    throw UsageError(fmt::format("--rev: {} names no commit of the repository at {}", util::quote(rev), dir));
  std::string commit(util::trim(v.out));

  // Paths relative to `dir`: ls-tree lists the tree under the current directory.
  std::string listing = git(dir, {"ls-tree", "-r", "-z", commit, "--", "."});
  std::vector<Entry> entries;
  for (size_t p = 0; p < listing.size();) {
    size_t end = listing.find('\0', p);
    if (end == std::string::npos)
      end = listing.size();
    std::string_view line(listing.data() + p, end - p);
    p = end + 1;
    // "<mode> SP <type> SP <object> TAB <path>"
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      continue;
    std::string_view meta = line.substr(0, tab);
    std::string_view path = line.substr(tab + 1);
    if (!meta.starts_with("100644 blob ") && !meta.starts_with("100755 blob "))
      continue; // symbolic links, submodules, trees
    if (path.starts_with("./"))
      path.remove_prefix(2);
    if (wanted(path))
      entries.push_back({std::string(path), std::string(meta.substr(meta.rfind(' ') + 1))});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rel < b.rel; });

  std::string root = dir;
  while (root.size() > 1 && root.ends_with('/'))
    root.pop_back();
  Side s;
  s.root = rev + ":" + root;
  std::string request;
  for (const auto& e : entries)
    request += e.object + "\n";
  std::string blobs = entries.empty() ? std::string() : git(dir, {"cat-file", "--batch"}, request);
  std::vector<lists::SourceText> files;
  size_t p = 0;
  for (const auto& e : entries) {
    // "<object> SP blob SP <size> LF <contents> LF"
    size_t nl = blobs.find('\n', p);
    if (nl == std::string::npos)
      throw UsageError("git cat-file: output ended early");
    std::string_view header(blobs.data() + p, nl - p);
    size_t size = std::strtoull(std::string(header.substr(header.rfind(' ') + 1)).c_str(), nullptr, 10);
    if (!header.starts_with(e.object) || nl + 1 + size > blobs.size())
      throw UsageError("git cat-file: unexpected output for " + e.rel);
    files.push_back({s.root + "/" + e.rel, blobs.substr(nl + 1, size)});
    p = nl + 1 + size + 1;
  }
  if (files.empty()) {
    diag::Diagnostic d;
    d.location.file = s.root;
    d.rule = "no-lists";
    d.message = "no list files (*.yaml, *.yml) in this directory at " + rev;
    s.loaded.diags.push_back(std::move(d));
    return s;
  }
  s.loaded = lists::load_and_check(std::move(files));
  return s;
}

} // namespace duty::diff
