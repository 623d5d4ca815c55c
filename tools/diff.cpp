#include "cli.hpp"
#include "commands.hpp"
namespace duty::tools {
std::unique_ptr<Tool> make_diff() { return nullptr; }
}
