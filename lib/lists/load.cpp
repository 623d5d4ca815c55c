#include "lists/load.hpp"

#include "lists/build.hpp"
#include "lists/check.hpp"
#include "lists/config.hpp"
#include "lists/index.hpp"
#include "lists/schema.hpp"
#include "lists/source.hpp"
#include "lists/yaml.hpp"
#include "util/file.hpp"
#include "util/parallel.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>
#include <fmt/format.h>
#include <cerrno>
#include <iconv.h>

namespace fs = std::filesystem;

namespace duty::lists {

namespace {

bool
is_list_file(const fs::path& p)
{
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// True if the bytes decode as GB18030, the usual encoding of files saved by
// Chinese Excel or Notepad: then the hint can name the fix.
bool
looks_gb18030(std::string_view text)
{
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return false;
  std::string in(text.substr(0, 1 << 16));
  std::string out(in.size() * 2 + 16, '\0');
  char* ip = in.data();
  size_t il = in.size();
  char* op = out.data();
  size_t ol = out.size();
  size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  return r != static_cast<size_t>(-1) || (errno == EINVAL && text.size() > in.size());
}

// Checks the raw bytes before YAML sees them: NUL bytes and invalid UTF-8
// would otherwise be reported far from their place, or not at all.
bool
check_encoding(const SourceFile& f, uint32_t file, Sink& sink)
{
  auto line_col = [&](size_t offset) {
    auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
    size_t line = static_cast<size_t>(it - f.line_starts.begin());
    return Loc{file, static_cast<uint32_t>(line), static_cast<uint32_t>(offset - f.line_starts[line - 1] + 1)};
  };
  size_t nul = f.text.find('\0');
  size_t bad = util::find_invalid_utf8(f.text);
  if (bad != std::string::npos && (nul == std::string::npos || bad < nul)) {
    std::string hint = looks_gb18030(f.text)
                         ? "the file looks GBK/GB18030-encoded; convert it with: iconv -f GB18030 -t UTF-8"
                         : "list files must be UTF-8 text";
    Loc at = line_col(bad);
    // Report the column of the bad byte in characters of the valid prefix.
    sink.add(at, "encoding",
             fmt::format("invalid UTF-8 byte 0x{:02X}", static_cast<unsigned char>(f.text[bad])), hint);
    return false;
  }
  if (nul != std::string::npos) {
    sink.add(line_col(nul), "encoding", "NUL byte in a text file",
             "the file may be binary or UTF-16 encoded; list files are UTF-8 text");
    return false;
  }
  return true;
}

void
add_yaml_problems(const YamlDoc& doc, uint32_t file, Sink& sink)
{
  for (const auto& p : doc.problems) {
    auto& d = sink.add(Loc{file, p.line, p.col}, p.rule, p.message, p.hint);
    if (p.related_line)
      sink.relate(d, Loc{file, p.related_line, p.related_col}, "first defined here");
  }
}

void
load_root(SourceFile& f, ListSet& out, uint32_t file, const YNode& root, Sink& sink)
{
  if (!root.is_map()) {
    sink.add(file, root, "schema",
             fmt::format("a list file is {}; expected a mapping with \"kind:\" and \"items:\"",
                         root.kind_name()));
    return;
  }
  const YNode* kind = nullptr;
  const YNode* kind_key = nullptr;
  const YNode* items = nullptr;
  const YNode* dimensions = nullptr;
  static const std::vector<std::string_view> top(std::begin(kTopLevelKeys), std::end(kTopLevelKeys));
  for (size_t i = 0; i < root.map_size(); ++i) {
    const YNode& k = root.key(i);
    const YNode& v = root.value(i);
    if (!k.is_scalar()) {
      sink.add(file, k, "schema", "a top-level key must be a name");
      continue;
    }
    if (k.text == "kind") {
      kind_key = kind ? kind_key : &k;
      kind = kind ? kind : &v;
    }
    else if (k.text == "items")
      items = items ? items : &v;
    else if (k.text == "dimensions")
      dimensions = dimensions ? dimensions : &v;
    else if (k.text == "title" || k.text == "version" || k.text == "note") {
      if (!v.is_scalar())
        sink.add(file, v, "schema", fmt::format("\"{}\" is {}; expected text", k.text, v.kind_name()));
      else if (k.text == "title")
        f.title = v.text;
      else if (k.text == "version")
        f.version = v.text;
    } else if (k.text == "published") {
      if (!v.is_scalar())
        sink.add(file, v, "bad-value", fmt::format("\"published\" is {}; expected a date", v.kind_name()),
                 "dates are written YYYY-MM-DD, e.g. 2025-03-01");
      else if (!util::parse_date(v.text))
        sink.add(file, v, "bad-value",
                 fmt::format("\"published\" is {}, which is not a valid date", util::quote(v.text)),
                 util::date_problem(v.text));
    } else {
      std::string hint = util::did_you_mean(k.text, top);
      sink.add(file, k, "unknown-key", fmt::format("unknown top-level key {}", util::quote(k.text)),
               hint.empty() ? "a list file has kind, items and optionally title, version, published, note"
                            : hint);
    }
  }
  if (!kind) {
    sink.add(file, root, "schema", "the list file lacks \"kind:\"",
             "kind is one of " + util::one_of(kind_names()));
    return;
  }
  if (kind->kind == YNode::Kind::null) {
    sink.add(file, *kind_key, "schema", "\"kind\" is empty", "kind is one of " + util::one_of(kind_names()));
    return;
  }
  if (!kind->is_scalar()) {
    sink.add(file, *kind, "schema", fmt::format("\"kind\" is {}; expected a name", kind->kind_name()));
    return;
  }
  const KindSchema* schema = find_kind(kind->text);
  if (!schema) {
    std::string hint = util::did_you_mean(kind->text, kind_names());
    sink.add(file, *kind, "unknown-kind", fmt::format("unknown kind {}", util::quote(kind->text)),
             hint.empty() ? "kind is one of " + util::one_of(kind_names()) : hint);
    return;
  }
  f.kind = schema->kind;
  if (dimensions && schema->kind != "matters")
    sink.add(file, *dimensions, "unknown-key", "\"dimensions\" belongs in a matters file");
  else if (dimensions)
    build_dimensions(out, file, *dimensions, sink);
  if (!items) {
    sink.add(file, root, "schema", "the list file lacks \"items:\"", "write items: [] for an empty list");
    return;
  }
  if (items->kind == YNode::Kind::null)
    return; // "items:" with nothing: an empty list
  if (!items->is_seq()) {
    sink.add(file, *items, "schema", fmt::format("\"items\" is {}; expected a list", items->kind_name()),
             "each item starts with \"- \"");
    return;
  }
  f.items = items->children.size();
  for (const auto& item : items->children) {
    Slots slots = check_item(*schema, item, file, sink);
    if (item.is_map())
      build_item(out, *schema, file, item, slots, sink);
  }
}

// What one file contributes; files are parsed in parallel, then merged in order.
struct Part
{
  ListSet items; // items only; `files` stays empty
  std::vector<diag::Diagnostic> diags;
  bool failed = false; // reading stopped on an error of the machine, not of the file
};

SourceFile
make_source(const std::string& path, std::string text)
{
  SourceFile sf;
  sf.path = path;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.erase(0, 3); // a UTF-8 BOM is allowed and ignored
  sf.text = std::move(text);
  sf.line_starts = util::line_starts(sf.text);
  return sf;
}

// Parses files[file] into `part`. Touches no other element of `files`, so
// several threads may parse different files of one vector at once.
void
parse_file(std::vector<SourceFile>& files, uint32_t file, Part& part)
{
  Sink sink(files);
  SourceFile& f = files[file];
  if (check_encoding(f, file, sink)) {
    YamlDoc doc = parse_yaml(f.text);
    add_yaml_problems(doc, file, sink);
    if (!doc.root) {
      if (doc.problems.empty())
        sink.add(Loc{file, 1, 1}, "schema", "the file is empty",
                 "a list file is a mapping with \"kind:\" and \"items:\"");
    } else {
      load_root(f, part.items, file, *doc.root, sink);
    }
  }
  part.diags = sink.take();
}

template <typename T>
void
append(std::vector<T>& to, std::vector<T>& from)
{
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

void
merge(LoadResult& r, Part& p)
{
  ListSet& s = r.set;
  append(s.units, p.items.units);
  append(s.dimensions, p.items.dimensions);
  append(s.matters, p.items.matters);
  append(s.powers, p.items.powers);
  append(s.responsibilities, p.items.responsibilities);
  append(s.primary, p.items.primary);
  append(s.tasks, p.items.tasks);
  append(s.whistles, p.items.whistles);
  append(s.calendars, p.items.calendars);
  append(s.profiles, p.items.profiles);
  append(r.diags, p.diags);
}

// A file whose parse threw (memory exhausted, or a defect in duty) is
// reported as unreadable; the other files are still checked.
void
parse_failed(const SourceFile& f, Part& part, const std::exception_ptr& error)
{
  std::string why;
  try {
    std::rethrow_exception(error);
  } catch (const std::bad_alloc&) {
    why = fmt::format("cannot read: out of memory while parsing this file ({:.1f} MiB)",
                      static_cast<double>(f.text.size()) / (1 << 20));
  } catch (const std::exception& e) {
    why = fmt::format("cannot read: internal error while parsing this file: {}", e.what());
  } catch (...) {
    why = "cannot read: internal error while parsing this file";
  }
  part = Part{};
  part.failed = true;
  diag::Diagnostic d;
  d.location.file = f.path;
  d.rule = "io";
  d.message = std::move(why);
  part.diags.push_back(std::move(d));
}

// Parses files[first..] on up to `threads` threads (yaml-cpp parsers are
// independent per instance) and merges the parts in file order.
void
parse_files(LoadResult& r, size_t first, unsigned threads)
{
  size_t n = r.set.files.size() - first;
  std::vector<Part> parts(n);
  auto errors = util::run_parallel(n, threads, [&](size_t i) {
    parse_file(r.set.files, static_cast<uint32_t>(first + i), parts[i]);
  });
  for (size_t i = 0; i < n; ++i)
    if (errors[i])
      parse_failed(r.set.files[first + i], parts[i], errors[i]);
  for (auto& p : parts) {
    r.unreadable = r.unreadable || p.failed;
    merge(r, p);
  }
}

} // namespace

void
load_text(LoadResult& r, const std::string& path, std::string text)
{
  r.set.files.push_back(make_source(path, std::move(text)));
  parse_files(r, r.set.files.size() - 1, 1);
}

namespace {

void
io_error(LoadResult& r, const std::string& path, const std::string& why)
{
  diag::Diagnostic d;
  d.location.file = path;
  d.rule = "io";
  d.message = why;
  r.diags.push_back(std::move(d));
  r.unreadable = true;
}

// The list files under `paths`, in order: directories searched recursively
// (sorted, hidden entries and a config file at the top skipped), files as given.
std::vector<std::string>
collect(LoadResult& r, const std::vector<std::string>& paths)
{
  std::vector<std::string> files;
  for (const auto& p : paths) {
    if (p == "-") {
      files.push_back(p); // standard input: one list file
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      io_error(r, p, "no such file or directory");
      continue;
    }
    if (!fs::is_directory(st)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      io_error(r, p, ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        io_error(r, p, ec.message());
        break;
      }
      auto name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory(ec))
          it.disable_recursion_pending();
        continue;
      }
      if (it.depth() == 0 && is_config_name(name))
        continue; // the set's duty.yaml: settings, not a list
      if (is_list_file(it->path()) && !it->is_directory(ec))
        found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) {
      diag::Diagnostic d;
      d.location.file = p;
      d.rule = "no-lists";
      d.message = "no list files (*.yaml, *.yml) in this directory";
      d.hint = "a list set is a directory of YAML files, each with kind: and items:";
      r.diags.push_back(std::move(d));
    }
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// Reads `files` and parses them into `r`.
void
read_and_parse(LoadResult& r, const std::vector<std::string>& files)
{
  size_t first = r.set.files.size();
  for (const auto& path : files) {
    // A FIFO would block the read forever and /dev/zero never ends: read regular files only.
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (path != "-" && !fs::is_regular_file(st)) {
      io_error(r, path, fs::exists(st) ? "cannot read: not a regular file"
                                       : "cannot read: no such file (a dangling symbolic link?)");
      continue;
    }
    std::string why;
    auto text = util::read_file(path, why);
    if (!text) {
      io_error(r, path == "-" ? "<stdin>" : path, "cannot read: " + why);
      continue;
    }
    r.set.files.push_back(make_source(path == "-" ? "<stdin>" : path, std::move(*text)));
  }
  parse_files(r, first, std::max(1u, std::thread::hardware_concurrency()));
}

void
check_loaded(LoadResult& r)
{
  Index index(r.set);
  auto more = check_list_set(r.set, index);
  r.diags.insert(r.diags.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

std::string
canonical(const std::string& path)
{
  if (path == "-" || path == "<stdin>")
    return "<stdin>";
  std::error_code ec;
  auto c = fs::weakly_canonical(path, ec);
  return ec ? path : c.string();
}

bool
focused(const std::string& path, const std::vector<std::string>& focus)
{
  std::string c = canonical(path);
  return std::any_of(focus.begin(), focus.end(), [&](const std::string& f) {
    return c == f || (c.size() > f.size() && c.starts_with(f) && c[f.size()] == '/');
  });
}

} // namespace

LoadResult
load_list_set(const std::vector<std::string>& paths)
{
  LoadResult r;
  read_and_parse(r, collect(r, paths));
  return r;
}

LoadResult
load_sources(std::vector<SourceText> sources)
{
  LoadResult r;
  for (auto& s : sources)
    r.set.files.push_back(make_source(s.path, std::move(s.text)));
  parse_files(r, 0, std::max(1u, std::thread::hardware_concurrency()));
  return r;
}

FocusResult
load_focused(const std::string& dir, const std::vector<std::string>& paths)
{
  FocusResult out;
  LoadResult& r = out.loaded;
  std::vector<std::string> files = collect(r, {dir});
  std::vector<std::string> focus, extra;
  for (const auto& p : paths) {
    std::string c = canonical(p);
    focus.push_back(c);
    bool inside = false;
    for (auto& f : files)
      if (canonical(f) == c) {
        f = p; // findings name the file as the user did
        inside = true;
      }
    // A directory inside the set is already loaded; anything else is loaded too.
    if (!inside && !(p != "-" && fs::is_directory(p) && focused(p, {canonical(dir)})))
      extra.push_back(p);
  }
  auto more = collect(r, extra);
  files.insert(files.end(), more.begin(), more.end());
  read_and_parse(r, files);
  check_loaded(r);
  std::erase_if(r.diags, [&](const diag::Diagnostic& d) {
    if (focused(d.location.file, focus))
      return false;
    return std::none_of(d.related.begin(), d.related.end(),
                        [&](const diag::Related& x) { return focused(x.location.file, focus); });
  });
  for (const auto& f : r.set.files)
    if (focused(f.path, focus)) {
      ++out.files;
      out.items += f.items;
    }
  return out;
}

LoadResult
load_and_check(const std::vector<std::string>& paths)
{
  LoadResult r = load_list_set(paths);
  check_loaded(r);
  return r;
}

LoadResult
load_and_check(std::vector<SourceText> sources)
{
  LoadResult r = load_sources(std::move(sources));
  check_loaded(r);
  return r;
}

} // namespace duty::lists
