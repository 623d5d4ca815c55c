// Tests for xlsx/numfmt, xlsx/cell and the small helpers: which formats are
// dates, serials as text, cell names, number text, _xHHHH_ escapes, sniffing.
#include "xlsx/book.hpp"
#include "xlsx/cell.hpp"
#include "xlsx/numfmt.hpp"
#include "xlsx/writer.hpp"
#include "xlsx/xml.hpp"

#include <doctest/doctest.h>

using namespace duty::xlsx;

TEST_CASE("xlsx: built-in number formats: dates, times, and the CJK date ids")
{
  CHECK(builtin_date_kind(0) == DateKind::none);
  CHECK(builtin_date_kind(14) == DateKind::date);
  CHECK(builtin_date_kind(22) == DateKind::datetime);
  CHECK(builtin_date_kind(21) == DateKind::time);
  CHECK(builtin_date_kind(31) == DateKind::date); // yyyy"年"m"月"d"日"
  CHECK(builtin_date_kind(32) == DateKind::time); // h"时"mm"分"
  CHECK(builtin_date_kind(57) == DateKind::date);
  CHECK(builtin_date_kind(46) == DateKind::time); // [h]:mm:ss
  CHECK(builtin_date_kind(49) == DateKind::none); // @
  CHECK(builtin_date_kind(10) == DateKind::none); // 0.00%
}

TEST_CASE("xlsx: custom format codes: date letters outside quotes, escapes and brackets")
{
  CHECK(format_date_kind("yyyy\\-mm\\-dd\\ hh:mm:ss") == DateKind::datetime);
  CHECK(format_date_kind("yyyy\"年\"m\"月\"d\"日\"") == DateKind::date);
  CHECK(format_date_kind("[$-804]yyyy年m月d日") == DateKind::date);
  CHECK(format_date_kind("yyyy-mm-dd;@") == DateKind::date);
  CHECK(format_date_kind("m/d") == DateKind::date);
  CHECK(format_date_kind("[h]:mm:ss") == DateKind::time);
  CHECK(format_date_kind("mm:ss") == DateKind::time);
  CHECK(format_date_kind("h:mm AM/PM") == DateKind::time);
  CHECK(format_date_kind("General") == DateKind::none);
  CHECK(format_date_kind("0.00%") == DateKind::none);
  CHECK(format_date_kind("#,##0.00_);[Red](#,##0.00)") == DateKind::none);
  CHECK(format_date_kind("\"days\"0") == DateKind::none);
  CHECK(format_date_kind("0\\d") == DateKind::none);
  CHECK(format_date_kind("[<=9999999]###-####;(###) ###-####") == DateKind::none);
  CHECK(format_date_kind("@") == DateKind::none);
  CHECK(format_date_kind("[DBNum1][$-804]G/通用格式") == DateKind::none);
}

TEST_CASE("xlsx: serials as text, 1900 and 1904 systems")
{
  CHECK(serial_text(45717.34375, DateKind::datetime, false) == "2025-03-01 08:15:00");
  CHECK(serial_text(45717, DateKind::date, false) == "2025-03-01");
  // A date format over a value with a time of day keeps the time: the value is the truth.
  CHECK(serial_text(45717.5, DateKind::date, false) == "2025-03-01 12:00:00");
  CHECK(serial_text(0.5, DateKind::time, false) == "12:00:00");
  CHECK(serial_text(45717.34375 - 1462, DateKind::datetime, true) == "2025-03-01 08:15:00");
  CHECK(serial_text(0, DateKind::date, true) == "1904-01-01");
  CHECK(serial_text(1, DateKind::date, false) == "1900-01-01");
  CHECK(serial_text(59, DateKind::date, false) == "1900-02-28");
  CHECK(serial_text(61, DateKind::date, false) == "1900-03-01");
  // Rounded to the second: a hair before midnight is midnight.
  CHECK(serial_text(45717.9999999999, DateKind::datetime, false) == "2025-03-02 00:00:00");
  CHECK(serial_text(45717.00001157, DateKind::datetime, false) == "2025-03-01 00:00:01");
  CHECK_FALSE(serial_text(-1, DateKind::date, false));
  CHECK_FALSE(serial_text(3e6, DateKind::date, false));
  CHECK_FALSE(serial_text(0, DateKind::date, false)); // Excel's 1900-01-00
}

TEST_CASE("xlsx: ISO 8601 cells (t=\"d\")")
{
  CHECK(iso_date_text("2025-03-01T08:15:00Z") == "2025-03-01 08:15:00");
  CHECK(iso_date_text("2025-03-01T08:15:00.500") == "2025-03-01 08:15:00");
  CHECK(iso_date_text("2025-03-01T08:15") == "2025-03-01 08:15:00");
  CHECK(iso_date_text("2025-03-01") == "2025-03-01");
  CHECK_FALSE(iso_date_text("2025/03/01"));
  CHECK_FALSE(iso_date_text("2025-03-01T25:00"));
  CHECK_FALSE(iso_date_text("x"));
}

TEST_CASE("xlsx: text back to serials for writing")
{
  CHECK(text_serial("2025-03-01 08:15:00") == 45717.34375);
  CHECK(text_serial("2025-03-01 08:15") == 45717.34375);
  CHECK(text_serial("2025-03-01") == 45717.0);
  CHECK_FALSE(text_serial("2025-02-30 10:00"));
  CHECK_FALSE(text_serial("2025/3/1 8:15"));
  CHECK_FALSE(text_serial("1900-01-01")); // before Excel's phantom 29 February
  // Round trip through the reader's side.
  for (const char* t : {"2025-03-01 08:15:00", "2024-02-29 23:59:59", "2000-01-01 00:00:01"})
    CHECK(serial_text(*text_serial(t), DateKind::datetime, false) == t);
}

TEST_CASE("xlsx: column letters and cell references")
{
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(701) == "ZZ");
  CHECK(column_letters(702) == "AAA");
  CHECK(column_letters(16383) == "XFD");
  CHECK(cell_name(7, 12) == "H12");
  CHECK(parse_cell_ref("H12") == std::pair<uint32_t, uint32_t>{7, 12});
  CHECK(parse_cell_ref("xfd1048576") == std::pair<uint32_t, uint32_t>{16383, 1048576});
  CHECK(parse_cell_ref("B") == std::pair<uint32_t, uint32_t>{1, 0});
  CHECK_FALSE(parse_cell_ref("XFE1"));
  CHECK_FALSE(parse_cell_ref("A0"));
  CHECK_FALSE(parse_cell_ref("A1048577"));
  CHECK_FALSE(parse_cell_ref("1A"));
  CHECK_FALSE(parse_cell_ref("A1B"));
  CHECK_FALSE(parse_cell_ref(""));
}

TEST_CASE("xlsx: numbers as an export would show them")
{
  CHECK(number_text(2025030100001.0) == "2025030100001"); // ids stay whole
  CHECK(number_text(13812345678.0) == "13812345678");
  CHECK(number_text(-3) == "-3");
  CHECK(number_text(93.3) == "93.3");
  CHECK(number_text(0.1 + 0.2) == "0.30000000000000004");
  CHECK(number_text(1e20) == "1e+20");
}

TEST_CASE("xlsx: _xHHHH_ escapes")
{
  auto d = [](std::string s) {
    decode_xstring(s);
    return s;
  };
  CHECK(d("a_x000D_\nb") == "a\r\nb");
  CHECK(d("_x005F_x0041_") == "_x0041_"); // an escaped underscore
  CHECK(d("_xD83D__xDE00_") == "\xF0\x9F\x98\x80");
  CHECK(d("_xD800_") == "\xEF\xBF\xBD");
  CHECK(d("_x00zz_ _x12") == "_x00zz_ _x12");
  CHECK(d("工单_x0009_编号") == "工单\t编号");
}

TEST_CASE("xlsx: files are told apart by their first bytes")
{
  CHECK(sniff("PK\x03\x04rest") == Magic::zip);
  CHECK(sniff(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) == Magic::cfb);
  CHECK(sniff("\xEF\xBB\xBF  <html>") == Magic::markup);
  CHECK(sniff("<?xml version=\"1.0\"?><Workbook") == Magic::markup);
  CHECK(sniff("工单编号,来电时间\r\n") == Magic::text);
  CHECK(sniff("{\"id\": 1}") == Magic::text);
  CHECK(sniff("") == Magic::text);
}

TEST_CASE("xlsx: sheet names Excel accepts")
{
  CHECK(valid_sheet_name("a/b:c") == "a_b_c");
  CHECK(valid_sheet_name("") == "Sheet");
  CHECK(valid_sheet_name("'x'") == "_x_");
  CHECK(valid_sheet_name(std::string(40, 'a')).size() == 31);
  CHECK(valid_sheet_name("工单明细") == "工单明细");
}
