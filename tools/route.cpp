// duty route: who leads on this matter, here, now — and which list items say so.
#include "cli.hpp"
#include "commands.hpp"

#include "output/route.hpp"
#include "resolve/route.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace duty::tools {

int
cmd_route(int argc, char** argv)
{
  CLI::App app{"Answer who leads on a matter in a territory: the lead, the assisting units, whom a "
               "street whistles for, the time limits, and the list items that decide it.",
               "route"};
  std::string lists, matter, territory, on, format = "text";
  std::vector<std::string> when;
  add_lists_option(app, lists);
  app.add_option("matter", matter, "Matter: id, name or 12345 category (e.g. 城市管理->违法建设->疑似违建)")->required();
  app.add_option("--at", territory, "Territory: street, town or township id or name")->required();
  // One value per occurrence, so that "--when a=b MATTER" keeps MATTER the matter.
  app.add_option("--when", when, "Dimension value, DIMENSION=VALUE (repeatable)")->allow_extra_args(false);
  app.add_option("--on", on, "Date (default: today)");
  static constexpr output::Format kFormats[] = {output::Format::text, output::Format::json};
  add_format_option(app, format, kFormats);
  app.footer("Exit status: 0 one lead, 1 no single lead (overlap, orphan, conflict, or it depends on an\n"
             "unspecified dimension) or unknown names, 2 usage error or unreadable lists.\nSee duty-route(1).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  util::Date date = util::today_shanghai();
  if (!on.empty()) {
    auto d = util::parse_date(on);
    if (!d)
      throw UsageError(fmt::format("--on: \"{}\" is not a date (YYYY-MM-DD)", on));
    date = *d;
  }
  auto ctx = load_lists(lists_dir(lists));
  auto answer = resolve::route(ctx->resolver(), ctx->names(), {matter, territory, when, date});
  std::string text = format == "json" ? output::format_route_json(answer, ctx->set())
                                      : output::format_route_text(answer, ctx->set());
  if (!write_stdout(text))
    return exit_usage;
  return answer.decided() ? exit_clean : exit_findings;
}

} // namespace duty::tools
