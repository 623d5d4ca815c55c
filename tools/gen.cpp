// duty gen KIND: synthetic inputs for tests and benchmarks. Each kind is a
// subcommand with its own options, found through a small table, so that kinds
// can be added side by side.
#include "cli.hpp"
#include "commands.hpp"

#include "gen/lists_gen.hpp"
#include "util/error.hpp"
#include "util/spell.hpp"

#include <fmt/format.h>
#include <string_view>

namespace duty::tools {

namespace {

class GenLists final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Write a synthetic list set: units, a matter tree, powers, responsibilities, "
                    "primary-duty entries, tasks, whistles and a calendar, with planted overlaps "
                    "(a leaf matter held by two departments, no primary entry) and orphans (a leaf "
                    "matter with no power, task or primary entry).");
    app.add_option("--matters", m_spec.matters, "Matters in the tree (roots, mid-level, leaves)")
      ->capture_default_str();
    app.add_option("--units", m_spec.units, "Units: the district, territories with their teams, departments")
      ->capture_default_str();
    app.add_option("--seed", m_spec.seed, "Seed; the same seed gives the same bytes")->capture_default_str();
    m_o_overlaps = app.add_option("--overlaps", m_overlaps, "Overlaps to plant (default: about 1% of the leaves)");
    m_o_orphans = app.add_option("--orphans", m_orphans, "Orphans to plant (default: about 1% of the leaves)");
    app.add_option("--per-file", m_spec.max_items_per_file, "Items per file at most")->capture_default_str();
    app.add_flag("--force", m_force, "Replace the *.yaml and *.yml files DIR already holds");
    app.add_option("dir", m_dir, "Directory to write (created if missing)")->required()->type_name("DIR");
    app.footer("Prints 'wrote DIR: F files, I items; planted K overlaps, M orphans', then one line per\n"
               "planted matter: 'overlap ID' or 'orphan ID'.\n"
               "Exit status: 0 written, 2 usage error or a directory that cannot be written.");
  }

  int run(CLI::App&) override
  {
    gen::ListsSpec& spec = m_spec;
    spec.command = fmt::format("duty gen lists --matters {} --units {} --seed {}", spec.matters, spec.units, spec.seed);
    if (*m_o_overlaps) {
      spec.overlaps = m_overlaps;
      spec.command += fmt::format(" --overlaps {}", m_overlaps);
    }
    if (*m_o_orphans) {
      spec.orphans = m_orphans;
      spec.command += fmt::format(" --orphans {}", m_orphans);
    }
    if (spec.max_items_per_file != gen::ListsSpec{}.max_items_per_file)
      spec.command += fmt::format(" --per-file {}", spec.max_items_per_file);

    gen::ListsSummary s = gen::write_lists(spec, m_dir, m_force);
    std::string out = fmt::format("wrote {}: {} files, {} items; planted {} overlaps, {} orphans\n", m_dir, s.files,
                                  s.items, s.overlaps.size(), s.orphans.size());
    for (const auto& id : s.overlaps)
      out += fmt::format("overlap {}\n", id);
    for (const auto& id : s.orphans)
      out += fmt::format("orphan {}\n", id);
    write_stdout(out);
    return exit_clean;
  }

private:
  gen::ListsSpec m_spec;
  size_t m_overlaps = 0, m_orphans = 0;
  CLI::Option* m_o_overlaps = nullptr;
  CLI::Option* m_o_orphans = nullptr;
  std::string m_dir;
  bool m_force = false;
};

struct GenKind
{
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Tool> (*make)();
};

constexpr GenKind kKinds[] = {
  {"lists", "a synthetic list set with planted overlaps and orphans", make_gen_lists},
  {"cases", "12345 order exports and event logs against a list set", make_gen_cases},
};

class Gen final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Generate synthetic inputs for tests and benchmarks.");
    std::string kinds = "Kinds:\n";
    for (const auto& k : kKinds) {
      m_kinds.push_back(k.make());
      CLI::App* sub = app.add_subcommand(std::string(k.name));
      m_kinds.back()->define(*sub);
      sub->group(""); // listed in the footer with a short summary instead
      m_subs.push_back(sub);
      kinds += fmt::format("  {:<10}  {}\n", k.name, k.summary);
    }
    // An unknown kind lands here (with what follows it), to be named with a did-you-mean.
    app.add_option("KIND", m_unknown, "The kind to generate: lists or cases")->group("");
    app.allow_extras(); // after the kinds, which must not inherit it
    app.footer(kinds + "\n'duty gen KIND --help' (or 'duty help gen KIND') shows a kind's options.\n"
               "See duty-gen(1).");
  }

  int run(CLI::App&) override
  {
    for (size_t i = 0; i < m_subs.size(); ++i)
      if (m_subs[i]->parsed())
        return m_kinds[i]->run(*m_subs[i]);
    std::vector<std::string_view> names;
    for (const auto& k : kKinds)
      names.push_back(k.name);
    if (m_unknown.empty())
      throw UsageError(fmt::format("no kind given; kinds: {} (see 'duty gen --help')", fmt::join(names, ", ")));
    std::string hint = util::did_you_mean(m_unknown.front(), names);
    throw UsageError(fmt::format("unknown kind '{}'{}; kinds: {}", m_unknown.front(),
                                 hint.empty() ? "" : " (" + hint + ")", fmt::join(names, ", ")));
  }

private:
  std::vector<std::unique_ptr<Tool>> m_kinds;
  std::vector<CLI::App*> m_subs;
  std::vector<std::string> m_unknown;
};

} // namespace

std::unique_ptr<Tool>
make_gen()
{
  return std::make_unique<Gen>();
}

std::unique_ptr<Tool>
make_gen_lists()
{
  return std::make_unique<GenLists>();
}

} // namespace duty::tools
