#include <doctest/doctest.h>

#include "core/validate/formats.hpp"

using namespace wb::validate;

TEST_CASE("validate: cn-resident-id follows GB 11643-1999") {
  CHECK(is_cn_resident_id("11010519491231002X"));  // the standard's published example
  CHECK(cn_resident_id_check_char("11010519491231002") == 'X');
  CHECK_FALSE(is_cn_resident_id("110105194912310021"));  // wrong check character
  CHECK_FALSE(is_cn_resident_id("11010519491231002x"));  // lower-case x is not the standard's character
  CHECK_FALSE(is_cn_resident_id("1101051949123100"));    // too short
  CHECK_FALSE(is_cn_resident_id("11010519490230002X"));  // 30 February (check character recomputed below)
  std::string feb29 = "11010520230229002";          // 2023 is not a leap year
  CHECK_FALSE(is_cn_resident_id(feb29 + cn_resident_id_check_char(feb29)));
  std::string leap = "11010520240229002";
  CHECK(is_cn_resident_id(leap + cn_resident_id_check_char(leap)));
  std::string bad_region = "99010519491231002";
  CHECK_FALSE(is_cn_resident_id(bad_region + cn_resident_id_check_char(bad_region)));
}

TEST_CASE("validate: cn-uscc follows GB 32100-2015") {
  CHECK(is_cn_uscc("91350100M000100Y43"));
  CHECK(is_cn_uscc("91110000600037341L"));
  CHECK(cn_uscc_check_char("91350100M000100Y4") == '3');
  CHECK_FALSE(is_cn_uscc("91350100M000100Y44"));  // wrong check character
  CHECK_FALSE(is_cn_uscc("91350100M000100Y4"));   // 17 characters
  CHECK_FALSE(is_cn_uscc("91350100M00O100Y43"));  // O is not in the alphabet
  CHECK_FALSE(is_cn_uscc("9135010OM000100Y43"));  // region code must be digits
}

TEST_CASE("validate: cn-mobile and cn-postcode") {
  CHECK(is_cn_mobile("13800138000"));
  CHECK(is_cn_mobile("19912345678"));
  CHECK_FALSE(is_cn_mobile("12800138000"));
  CHECK_FALSE(is_cn_mobile("1380013800"));
  CHECK_FALSE(is_cn_mobile("+8613800138000"));
  CHECK(is_cn_postcode("100000"));
  CHECK_FALSE(is_cn_postcode("10000"));
  CHECK_FALSE(is_cn_postcode("10000a"));
}

TEST_CASE("validate: dates and times use the real calendar and RFC 3339 leap seconds") {
  CHECK(is_date("2024-02-29"));
  CHECK_FALSE(is_date("2023-02-29"));
  CHECK_FALSE(is_date("1900-02-29"));
  CHECK(is_date("2000-02-29"));
  CHECK_FALSE(is_date("2024-13-01"));
  CHECK_FALSE(is_date("2024-1-01"));
  CHECK(is_time("23:59:60Z"));
  CHECK(is_time("15:59:60-08:00"));
  CHECK_FALSE(is_time("22:59:60Z"));
  CHECK_FALSE(is_time("12:00:00"));  // no offset
  CHECK(is_date_time("1998-12-31T23:59:60Z"));
  CHECK(is_date_time("2024-03-01t08:30:00.5+08:00"));
  CHECK_FALSE(is_date_time("2024-03-01 08:30:00+08:00"));
  CHECK(is_duration("P1Y2M3DT4H5M6S"));
  CHECK(is_duration("P3W"));
  CHECK_FALSE(is_duration("P1Y2W"));
  CHECK_FALSE(is_duration("PT"));
  CHECK_FALSE(is_duration("P1D2H"));
}

TEST_CASE("validate: network and pointer formats") {
  CHECK(is_email("zhang.san@example.cn"));
  CHECK_FALSE(is_email("zhang..san@example.cn"));
  CHECK_FALSE(is_email("zhangsan@"));
  CHECK(is_hostname("www.gov.cn"));
  CHECK_FALSE(is_hostname("-www.gov.cn"));
  CHECK(is_ipv4("192.168.0.1"));
  CHECK_FALSE(is_ipv4("192.168.0.256"));
  CHECK_FALSE(is_ipv4("192.168.00.1"));
  CHECK(is_ipv6("::1"));
  CHECK(is_ipv6("2001:db8::8a2e:370:7334"));
  CHECK_FALSE(is_ipv6("2001:db8:::1"));
  CHECK(is_uri("https://www.gov.cn/zhengce/index.htm?a=1#top", true));
  CHECK_FALSE(is_uri("//www.gov.cn", true));
  CHECK(is_uri("//www.gov.cn", false));
  CHECK(is_uuid("2eb8aa08-aa98-11ea-b4aa-73b441d16380"));
  CHECK(is_json_pointer("/a~1b/0"));
  CHECK_FALSE(is_json_pointer("/a~2"));
  CHECK(is_relative_json_pointer("1/a"));
  CHECK(is_relative_json_pointer("0#"));
  CHECK_FALSE(is_relative_json_pointer("01/a"));
  CHECK(check_format(Format::Regex, "^[a-z]+$"));
  CHECK_FALSE(check_format(Format::Regex, "^[a-z+$"));
}
