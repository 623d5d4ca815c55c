// Tests for cases/pii: HMAC against RFC 4231, phones, personal headers and values.
#include "cases/pii.hpp"
#include "util/error.hpp"

#include "temp_file.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <sys/stat.h>
#include <ostream>
#include <string>

using namespace duty;
using namespace duty::cases;

TEST_CASE("cases: keyed hash is HMAC-SHA256 (RFC 4231 case 2), shortened")
{
  PiiHasher h("Jefe");
  CHECK(h.hash("what do ya want for nothing?", false) == "p:5bdcc146bf60754e6a042426");
}

TEST_CASE("cases: same key same token; phone formats agree; other key differs")
{
  PiiHasher a("key-one-0123456789"), b("key-two-0123456789");
  CHECK(a.hash("13800138000", true) == a.hash("138-0013-8000", true));
  CHECK(a.hash("13800138000", true) == a.hash("+86 138 0013 8000", true));
  CHECK(a.hash("13800138000", true) != b.hash("13800138000", true));
  CHECK(a.hash(" 张三 ", false) == a.hash("张三", false));
  CHECK(a.hash("张三", false) != a.hash("李四", false));
  CHECK(a.hash("张三", false).find("张") == std::string::npos);
}

TEST_CASE("cases: phones without digits are no phone: they do not share one hash")
{
  PiiHasher a("key-one-0123456789");
  CHECK(a.hash("无", true).empty());
  CHECK(a.hash("不详", true).empty());
  CHECK(a.hash("-", true).empty());
  CHECK(!a.hash("010-12345678", true).empty());
  CHECK(a.fingerprint().starts_with("k:"));
  CHECK(a.fingerprint() != PiiHasher("key-two-0123456789").fingerprint());
}

TEST_CASE("cases: personal headers by name and by word")
{
  for (const char* h : {"来电人", "来电人电话", "联系电话", "姓名", "身份证号", "身份证号码", "地址",
                        "家庭住址", "举报人地址", "手机号", "schoolphonenumber", "email", "联系人"})
    CHECK_MESSAGE(personal_header(h) != PersonalKind::none, h);
  CHECK(personal_header("身份证号码") == PersonalKind::id_number);
  CHECK(personal_header("联系电话") == PersonalKind::phone);
  for (const char* h : {"工单编号", "主办单位", "标题", "被反映街乡镇", "agencyname", "borough"})
    CHECK_MESSAGE(personal_header(h) == PersonalKind::none, h);
}

TEST_CASE("cases: values that look like phone or ID numbers")
{
  for (const char* v : {"13800138000", "138-0013-8000", "+86 139 1234 5678", "8613912345678",
                        "010-12345678", "(0755) 8765 4321", "(212) 555-0100", "212-555-0100",
                        "+1 212-555-0100"})
    CHECK_MESSAGE(looks_like_phone(v), v);
  for (const char* v : {"12345", "2025-03-01", "1-870704814", "99432-01234", "34.0676390557",
                        "1019820050", "10027", "W2503010001", "12:30", "2025/3/1 8:15"})
    CHECK_MESSAGE(!looks_like_phone(v), v);
  CHECK(looks_like_id_number("11010519491231002X"));
  CHECK(looks_like_id_number("110105194912310021"));
  CHECK(looks_like_id_number("110105491231002"));
  CHECK(!looks_like_id_number("110105194913310021")); // month 13
  CHECK(!looks_like_id_number("2025030100000000001"));
  CHECK(!looks_like_id_number("ABCDEFGHIJKLMNOPQR"));
}

TEST_CASE("cases: --pii-key-file wins over the environment; FIFOs and devices are refused")
{
  test::TempFile f("key", "file-key-0123456789abcdef\n");
  ::setenv("DUTY_PII_KEY", "env-key-0123456789abcdef", 1);
  CHECK(pii_key(f.path) == "file-key-0123456789abcdef");
  CHECK(pii_key("") == "env-key-0123456789abcdef");
  ::unsetenv("DUTY_PII_KEY");
  CHECK(!pii_key(""));
  CHECK_THROWS_AS(pii_key("/dev/zero"), IoError);
  std::string fifo = f.path + ".fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(pii_key(fifo), IoError); // returns at once: no writer is waited for
  test::TempFile shortkey("short", "abc\n");
  CHECK_THROWS_AS(pii_key(shortkey.path), UsageError);
}
