#pragma once

// A subcommand as an object: it declares its options on a CLI::App, bound to
// its own members, and then runs. Declaring apart from running lets `duty help`
// and `duty completion` read every command's options without running it.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace duty::tools {

class Tool
{
public:
  virtual ~Tool() = default;
  // Sets the description, options, positionals, subcommands and footer.
  virtual void define(CLI::App& app) = 0;
  // Runs after a successful parse; returns the exit status.
  virtual int run(CLI::App& app) = 0;
};

// A tool together with the app it declared itself on.
struct Described
{
  std::unique_ptr<Tool> tool;
  std::unique_ptr<CLI::App> app;
};

// Builds the app of `tool`, named `name` ("duty validate").
Described
describe(std::unique_ptr<Tool> tool, const std::string& name);

// Parses argv (argv[0] is the command's name) into a fresh app of `tool` and runs it.
int
run_tool(std::unique_ptr<Tool> tool, const std::string& name, int argc, char** argv);

// The deepest subcommand selected by the last parse ("duty gen lists"), or `app` itself.
CLI::App&
selected(CLI::App& app);

// "duty gen lists": the app's name with its parents'.
std::string
full_name(const CLI::App& app);

} // namespace duty::tools
