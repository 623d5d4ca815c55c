// CSV conformance: the cases of public CSV test suites (csv-spectrum,
// csv-test-data's RFC 4180 set, FastCSV's interpretation table, the W3C CSVW
// dialect defaults), written out here as fixtures. Each case gives the file
// and the records duty reads from it, or the error it must report. Where duty
// chooses otherwise than a suite, the case says so; duty-ingest(1) lists the choices.
#include "cases/records.hpp"
#include "cases/stream.hpp"
#include "util/error.hpp"

#include "temp_file.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::cases;
using namespace std::string_literals;

namespace {

using Rows = std::vector<std::vector<std::string>>;

struct Case
{
  const char* name;
  std::string input;
  Rows expected;          // header first
  const char* error = ""; // non-empty: a row error (or header error) containing this
};

// Reads `input` as CSV; rows as read, header first. Row errors become a row {"!", error}.
Rows
read_csv(const std::string& input)
{
  test::TempFile f("t.csv", input);
  TextStream in(f.path, Encoding::detect);
  RecordReader r(in, Format::csv);
  Rows out{r.header()};
  Record rec;
  while (r.next(rec))
    out.push_back(rec.error.empty() ? rec.values : std::vector<std::string>{"!", rec.error});
  return out;
}

void
run(const std::vector<Case>& cases)
{
  for (const auto& c : cases) {
    CAPTURE(c.name);
    if (*c.error) {
      std::string what;
      try {
        for (const auto& row : read_csv(c.input))
          if (!row.empty() && row[0] == "!")
            what = row[1];
      } catch (const InputError& e) {
        what = e.what();
      }
      CHECK_MESSAGE(what.find(c.error) != std::string::npos, c.name, ": ", what);
    } else {
      CHECK(read_csv(c.input) == c.expected);
    }
  }
}

} // namespace

TEST_CASE("csv suites: csv-spectrum")
{
  run({
    {"comma_in_quotes",
     "first,last,address,city,zip\nJohn,Doe,120 any st.,\"Anytown, WW\",08123\n",
     {{"first", "last", "address", "city", "zip"}, {"John", "Doe", "120 any st.", "Anytown, WW", "08123"}}},
    {"empty", "a,b,c\n1,\"\",\"\"\n2,3,4\n", {{"a", "b", "c"}, {"1", "", ""}, {"2", "3", "4"}}},
    {"empty_crlf", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n", {{"a", "b", "c"}, {"1", "", ""}, {"2", "3", "4"}}},
    {"escaped_quotes", "a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n", {{"a", "b"}, {"1", "ha \"ha\" ha"}, {"3", "4"}}},
    {"json", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [102.0, 0.5]}\"\n",
     {{"key", "val"}, {"1", "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}"}}},
    {"location_coordinates",
     "Contact Phone Number,Cities,Latitude,Longitude\n(555) 555-5555,\"New York, NY\",40.7128,-74.0060\n",
     {{"Contact Phone Number", "Cities", "Latitude", "Longitude"},
      {"(555) 555-5555", "New York, NY", "40.7128", "-74.0060"}}},
    {"newlines", "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n",
     {{"a", "b", "c"}, {"1", "2", "3"}, {"Once upon \na time", "5", "6"}, {"7", "8", "9"}}},
    {"newlines_crlf", "a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
     {{"a", "b", "c"}, {"1", "2", "3"}, {"Once upon \r\na time", "5", "6"}, {"7", "8", "9"}}},
    {"quotes_and_newlines", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n",
     {{"a", "b"}, {"1", "ha \n\"ha\" \nha"}, {"3", "4"}}},
    {"simple", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
    {"simple_crlf", "a,b,c\r\n1,2,3\r\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
    {"utf8", "a,b,c\n1,2,3\n4,5,ʤ\n", {{"a", "b", "c"}, {"1", "2", "3"}, {"4", "5", "ʤ"}}},
  });
}

TEST_CASE("csv suites: csv-test-data (RFC 4180 set)")
{
  run({
    {"lf", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
    {"crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
    {"cr (old Mac)", "a,b\r1,2\r3,4", {{"a", "b"}, {"1", "2"}, {"3", "4"}}},
    {"no final line break", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
    {"header only", "a,b\n", {{"a", "b"}}},
    {"utf-8 bom", "\xEF\xBB\xBF" "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
    {"quoted header", "\"a\",\"b,c\"\n1,2\n", {{"a", "b,c"}, {"1", "2"}}},
    {"spaces kept", "a,b\n 1 , 2 \n", {{"a", "b"}, {" 1 ", " 2 "}}},
    {"empty fields", "a,b,c\n,,\n", {{"a", "b", "c"}, {"", "", ""}}},
    {"quoted line break in last field, no final newline", "a,b\n1,\"x\ny\"", {{"a", "b"}, {"1", "x\ny"}}},
    {"unterminated quote", "a,b\n1,\"never\n2,3\n", {}, "never ends"},
    {"field count", "a,b\n1,2,3\n", {}, "the row has 3 fields, the header 2"},
  });
}

TEST_CASE("csv suites: FastCSV interpretation table")
{
  run({
    {"D", "h\nD\n", {{"h"}, {"D"}}},
    {"D,D", "h,i\nD,D\n", {{"h", "i"}, {"D", "D"}}},
    {",D", "h,i\n,D\n", {{"h", "i"}, {"", "D"}}},
    {"D,", "h,i\nD,\n", {{"h", "i"}, {"D", ""}}},
    {"\"D\"", "h\n\"D\"\n", {{"h"}, {"D"}}},
    {"\"D,D\"", "h\n\"D,D\"\n", {{"h"}, {"D,D"}}},
    {"\"D\"\"D\"", "h\n\"D\"\"D\"\n", {{"h"}, {"D\"D"}}},
    {"\"D\\nD\"", "h\n\"D\nD\"\n", {{"h"}, {"D\nD"}}},
    {"\"D\\rD\"", "h\n\"D\rD\"\n", {{"h"}, {"D\rD"}}},
    {"D\"D (quote inside an unquoted field: kept)", "h\nD\"D\n", {{"h"}, {"D\"D"}}},
    {"space before quote: not a quoted field", "h\n \"D\"\n", {{"h"}, {" \"D\""}}},
    {"\"\" is an empty field, a record", "h\n\"\"\n", {{"h"}, {""}}},
    {"empty line skipped (choice)", "h\nD\n\nE\n", {{"h"}, {"D"}, {"E"}}},
    // FastCSV reads "D"D as DD; duty refuses to guess (choice).
    {"\"D\"D", "h\n\"D\"D\n", {}, "must be doubled"},
    {"\"D\" (trailing space after the quote)", "h\n\"D\" \n", {}, "must be doubled"},
    {"Hey, I missed a quote", "a,b,c\n1,\"Hey, I missed \" it\",3\n", {}, "must be doubled"},
  });
}

TEST_CASE("csv suites: W3C CSVW dialect defaults, where duty differs")
{
  run({
    // CSVW's default commentPrefix is "#"; duty has no comment lines: #12 is an id (choice).
    {"no comment lines", "id\n#12\n", {{"id"}, {"#12"}}},
    // CSVW keeps blank rows (skipBlankRows false); duty skips them (choice).
    {"blank rows skipped", "a,b\n1,2\n\n3,4\n", {{"a", "b"}, {"1", "2"}, {"3", "4"}}},
    // CSVW trims by default; duty keeps bytes and trims only typed fields later (choice).
    {"no trimming in the tokenizer", "a\n  x  \n", {{"a"}, {"  x  "}}},
    // Trailing empty fields beyond the header are dropped (a trailing separator; choice).
    {"trailing separator", "a,b\n1,2,\n", {{"a", "b"}, {"1", "2"}}},
    // A header whose quote never closes would swallow the file: an error, not "0 rows".
    {"broken header", "a,\"b\n1,2\n3,4\n", {}, "the header is broken"},
    {"header over several lines", "a,\"b\n1\",c\n1,2,3\n", {}, "the header runs over 2 lines"},
    // The same when the file ends in it, without a line break (found by fuzz_scan).
    {"header over several lines at the end", "\"id\nx\"", {}, "the header runs over 2 lines"},
    {"NUL byte", "a,b\n1,x\0y\n"s, {}, "a NUL byte"},
    {"BOM mid-file", "a,b\n1,2\n\xEF\xBB\xBF" "3,4\n", {}, "byte-order mark"},
  });
}
