// duty route: who leads on this matter, here, now — and which list items say so.
#include "cli.hpp"
#include "commands.hpp"

#include "output/route.hpp"
#include "resolve/route.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

namespace {

constexpr output::Format kFormats[] = {output::Format::text, output::Format::json};

class Route final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Answer who leads on a matter in a territory: the lead, the assisting units, whom a "
                    "street whistles for, the time limits, and the list items that decide it.");
    add_lists_option(app, m_lists);
    app.add_option("matter", m_matter, "Matter: id, name or 12345 category (e.g. 城市管理->违法建设->疑似违建)")
      ->required()
      ->type_name("MATTER");
    app.add_option("--at", m_territory, "Territory: street, town or township id or name")
      ->required()
      ->type_name("TERRITORY");
    // One value per occurrence, so that "--when a=b MATTER" keeps MATTER the matter.
    app.add_option("--when", m_when, "Dimension value, DIMENSION=VALUE (repeatable)")
      ->allow_extra_args(false)
      ->type_name("DIM=VALUE");
    app.add_option("--as-of,--on", m_as_of,
                   "Date, YYYY-MM-DD (default: the config's as-of, else today; --on is the old name)")
      ->type_name("DATE");
    add_format_option(app, m_format, kFormats);
    add_color_option(app, m_color);
    app.footer("Exit status: 0 one lead, 1 no single lead (overlap, orphan, conflict, or it depends on an\n"
               "unspecified dimension) or errors in the lists, 2 usage error (an unknown or ambiguous matter,\n"
               "territory or dimension value) or unreadable lists.\nSee duty-route(1).");
  }

  int run(CLI::App&) override
  {
    std::string dir = lists_dir(m_lists);
    lists::Config config = config_for(dir);
    util::Date date = lists::resolve_as_of(m_as_of, config.as_of);
    output::Format format = output::parse_format_for(m_format, kFormats);
    auto ctx = load_lists(dir, m_color);
    auto answer = resolve::route(ctx->resolver(), ctx->names(), {m_matter, m_territory, m_when, date});
    std::string text = format == output::Format::json
                         ? output::format_route_json(answer, ctx->set())
                         : output::format_route_text(answer, ctx->set(), output::use_color(m_color, STDOUT_FILENO));
    write_stdout(text);
    return answer.decided() ? exit_clean : exit_findings;
  }

private:
  std::string m_lists, m_matter, m_territory, m_as_of, m_format = "text", m_color = "auto";
  std::vector<std::string> m_when;
};

} // namespace

std::unique_ptr<Tool>
make_route()
{
  return std::make_unique<Route>();
}

} // namespace duty::tools
