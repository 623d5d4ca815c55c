#include "report/make.hpp"

#include "rates/clocks.hpp"
#include "rates/provenance.hpp"
#include "report/rates_data.hpp"

#include <fmt/format.h>

namespace duty::report {

namespace {

// The last day of the month YYYY-MM: the lists are audited as in force then.
util::Date
month_end(const std::string& period)
{
  int y = std::stoi(period.substr(0, 4)), m = std::stoi(period.substr(5, 2));
  util::Date next = m == 12 ? util::Date::from_ymd(y + 1, 1, 1) : util::Date::from_ymd(y, m + 1, 1);
  return util::Date{next.days - 1};
}

} // namespace

Made
make_report(const Request& req)
{
  Made made;
  Data data;
  const lists::ListSet& set = req.lists->set();
  data.district = district_of(set);
  data.audit = audit_lists(*req.lists, month_end(req.settings.period));
  data.stamp = {rates::lists_hash(set),
                req.lists_path,
                fmt::format("{} ({})", req.profile->id.value, req.profile_source),
                calendar_years(set),
                req.as_of.str(),
                DUTY_VERSION};

  // Replay first: a profile that counts from replay's clocks (on-time) has
  // the rates read the clocks of this very replay, at the report's as-of time.
  replay::ClockBook clocks;
  ReplayRequest replay;
  replay.lists = req.lists;
  replay.profile = req.profile;
  replay.db = req.db;
  replay.files.orders = req.inputs;
  replay.files.events = req.events;
  replay.files.orders_reader = req.reader;
  replay.files.events_reader = req.events_reader;
  // Replay reads no personal column.
  replay.files.orders_reader.pii = replay.files.events_reader.pii = nullptr;
  replay.files.lists = &set;
  replay.files.names = &req.lists->names();
  replay.as_of = req.as_of;
  replay.period = req.settings.period;
  replay.rule = req.settings.clusters;
  if (rates::uses_clocks(*req.profile))
    replay.clocks = &clocks;
  made.replayed = compute_replay(replay);
  data.replay = std::move(made.replayed.tables);

  RatesRequest rates;
  rates.count.profile = req.profile;
  rates.count.lists = req.lists;
  rates.count.db = req.db;
  rates.count.inputs = req.inputs;
  rates.count.reader = req.reader;
  rates.count.clocks = replay.clocks;
  rates.profile_source = req.profile_source;
  rates.period = req.settings.period;
  rates.months = req.settings.months;
  RatesResult counted = compute_rates(std::move(rates));
  made.counted = std::move(counted.counted);
  data.rates = std::move(counted.tables);

  made.doc = build_document(data, req.settings);
  return made;
}

} // namespace duty::report
