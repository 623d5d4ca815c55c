#include "tool.hpp"

#include "cli.hpp"

namespace duty::tools {

Described
describe(std::unique_ptr<Tool> tool, const std::string& name)
{
  Described d{std::move(tool), std::make_unique<CLI::App>("", name)};
  d.tool->define(*d.app);
  return d;
}

int
run_tool(std::unique_ptr<Tool> tool, const std::string& name, int argc, char** argv)
{
  Described d = describe(std::move(tool), name);
  if (auto rc = parse(*d.app, argc, argv))
    return *rc;
  return d.tool->run(*d.app);
}

CLI::App&
selected(CLI::App& app)
{
  CLI::App* a = &app;
  while (!a->get_subcommands().empty())
    a = a->get_subcommands().front();
  return *a;
}

std::string
full_name(const CLI::App& app)
{
  std::string name = app.get_name();
  for (const CLI::App* p = app.get_parent(); p; p = p->get_parent())
    name = p->get_name() + " " + name;
  return name;
}

} // namespace duty::tools
