// duty gen KIND: synthetic inputs for tests and benchmarks. One function per
// kind, found through a small table, so that kinds can be added side by side.
#include "cli.hpp"
#include "commands.hpp"

#include "gen/lists_gen.hpp"
#include "util/error.hpp"
#include "util/spell.hpp"

#include <fmt/format.h>
#include <string_view>

namespace duty::tools {

namespace {

int
gen_lists(int argc, char** argv)
{
  CLI::App app{"Write a synthetic list set: units, a matter tree, powers, responsibilities, "
               "primary-duty entries, tasks, whistles and a calendar, with planted overlaps "
               "(a leaf matter held by two departments, no primary entry) and orphans (a leaf "
               "matter with no power, task or primary entry).",
               "gen lists"};
  gen::ListsSpec spec;
  size_t overlaps = 0, orphans = 0;
  std::string dir;
  bool force = false;
  app.add_option("--matters", spec.matters, "Matters in the tree (roots, mid-level, leaves)")
    ->capture_default_str();
  app.add_option("--units", spec.units, "Units: the district, territories with their teams, departments")
    ->capture_default_str();
  app.add_option("--seed", spec.seed, "Seed; the same seed gives the same bytes")->capture_default_str();
  auto* o_overlaps = app.add_option("--overlaps", overlaps, "Overlaps to plant (default: about 1% of the leaves)");
  auto* o_orphans = app.add_option("--orphans", orphans, "Orphans to plant (default: about 1% of the leaves)");
  app.add_option("--per-file", spec.max_items_per_file, "Items per file at most")->capture_default_str();
  app.add_flag("--force", force, "Replace the *.yaml and *.yml files DIR already holds");
  app.add_option("dir", dir, "Directory to write (created if missing)")->required();
  app.footer("Prints 'wrote DIR: F files, I items; planted K overlaps, M orphans', then one line per\n"
             "planted matter: 'overlap ID' or 'orphan ID'.\n"
             "Exit status: 0 written, 2 usage error or a directory that cannot be written.");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  spec.command = fmt::format("duty gen lists --matters {} --units {} --seed {}", spec.matters, spec.units, spec.seed);
  if (*o_overlaps) {
    spec.overlaps = overlaps;
    spec.command += fmt::format(" --overlaps {}", overlaps);
  }
  if (*o_orphans) {
    spec.orphans = orphans;
    spec.command += fmt::format(" --orphans {}", orphans);
  }
  if (spec.max_items_per_file != gen::ListsSpec{}.max_items_per_file)
    spec.command += fmt::format(" --per-file {}", spec.max_items_per_file);

  gen::ListsSummary s = gen::write_lists(spec, dir, force);
  std::string out = fmt::format("wrote {}: {} files, {} items; planted {} overlaps, {} orphans\n", dir, s.files,
                                s.items, s.overlaps.size(), s.orphans.size());
  for (const auto& id : s.overlaps)
    out += fmt::format("overlap {}\n", id);
  for (const auto& id : s.orphans)
    out += fmt::format("orphan {}\n", id);
  return write_stdout(out) ? exit_clean : exit_usage;
}

struct GenKind
{
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);
};

constexpr GenKind kKinds[] = {
  {"lists", "a synthetic list set with planted overlaps and orphans", gen_lists},
  {"cases", "12345 order exports and event logs against a list set", gen_cases},
};

std::string
gen_usage()
{
  std::string s = "usage: duty gen KIND [OPTIONS...]\n\nGenerate synthetic inputs for tests and benchmarks.\n\n"
                  "Kinds:\n";
  for (const auto& k : kKinds)
    s += fmt::format("  {:<10}  {}\n", k.name, k.summary);
  s += "\n'duty gen KIND --help' shows a kind's options.\n";
  return s;
}

} // namespace

int
cmd_gen(int argc, char** argv)
{
  if (argc < 2) {
    fmt::print(stderr, "duty gen: error: no kind given\n\n{}", gen_usage());
    return exit_usage;
  }
  std::string_view kind = argv[1];
  if (kind == "--help" || kind == "-h" || kind == "help") {
    fmt::print("{}", gen_usage());
    return exit_clean;
  }
  for (const auto& k : kKinds)
    if (k.name == kind)
      return k.run(argc - 1, argv + 1);
  std::vector<std::string_view> names;
  for (const auto& k : kKinds)
    names.push_back(k.name);
  std::string hint = util::did_you_mean(kind, names);
  throw UsageError(fmt::format("unknown kind '{}'{}; kinds: {}", kind, hint.empty() ? "" : " (" + hint + ")",
                               fmt::join(names, ", ")));
}

} // namespace duty::tools
