#include "util/csv.hpp"

#include <doctest/doctest.h>

using duty::util::csv_field;

TEST_SUITE_BEGIN("util");

TEST_CASE("util::csv_field")
{
  CHECK(csv_field("延庆区") == "延庆区");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
}

TEST_SUITE_END();
