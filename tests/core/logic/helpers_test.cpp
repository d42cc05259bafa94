// Wangban's form helpers: age, days_between, sum, count, round, birthdate_from_id, today.

#include <doctest/doctest.h>

#include "tests/core/logic/logic_test_util.hpp"

using nlohmann::json;
using wb::test::context_on;
using wb::test::run;

TEST_CASE("logic helper age: whole years, across birthdays") {
  CHECK(run(R"({"age": ["2000-06-15", "2026-06-14"]})") == 25);
  CHECK(run(R"({"age": ["2000-06-15", "2026-06-15"]})") == 26);
  CHECK(run(R"({"age": ["2000-06-15", "2026-12-31"]})") == 26);
  CHECK(run(R"({"age": ["2000-06-15", "2000-06-15"]})") == 0);
  CHECK(run(R"({"age": ["2000-06-15", "2000-06-14"]})") == -1);
  // The evaluation date from the host is the default.
  CHECK(run(R"({"age": [{"var": "b"}]})", R"({"b": "2008-11-26"})", context_on("2026-11-26")) == 18);
  CHECK(run(R"({"age": [{"var": "b"}]})", R"({"b": "2008-11-27"})", context_on("2026-11-26")) == 17);
  CHECK(run(R"({"age": [{"var": "b"}]})", R"({"b": "2008-11-26"})").is_null());  // no date given
}

TEST_CASE("logic helper age: born on 29 February") {
  CHECK(run(R"({"age": ["2004-02-29", "2005-02-28"]})") == 0);
  CHECK(run(R"({"age": ["2004-02-29", "2005-03-01"]})") == 1);
  CHECK(run(R"({"age": ["2004-02-29", "2008-02-28"]})") == 3);
  CHECK(run(R"({"age": ["2004-02-29", "2008-02-29"]})") == 4);
  CHECK(run(R"({"age": ["2000-03-01", "2004-02-29"]})") == 3);
}

TEST_CASE("logic helper age: anything but a real YYYY-MM-DD date gives null") {
  for (const char* bad : {R"({"age": ["2001-02-29", "2026-01-01"]})", R"({"age": ["2001-2-3", "2026-01-01"]})",
                          R"({"age": [null, "2026-01-01"]})", R"({"age": [20010203, "2026-01-01"]})",
                          R"({"age": ["2001-02-03T00:00:00Z", "2026-01-01"]})", R"({"age": ["2001-02-03", "x"]})",
                          R"({"age": ["2001-13-01", "2026-01-01"]})"})
    CHECK_MESSAGE(run(bad).is_null(), bad);
}

TEST_CASE("logic helper days_between: calendar days, negative backwards") {
  CHECK(run(R"({"days_between": ["2026-01-01", "2026-01-31"]})") == 30);
  CHECK(run(R"({"days_between": ["2026-01-31", "2026-01-01"]})") == -30);
  CHECK(run(R"({"days_between": ["2024-02-28", "2024-03-01"]})") == 2);  // leap year
  CHECK(run(R"({"days_between": ["2023-02-28", "2023-03-01"]})") == 1);
  CHECK(run(R"({"days_between": ["1900-01-01", "2000-01-01"]})") == 36524);
  CHECK(run(R"({"days_between": ["2026-05-05", "2026-05-05"]})") == 0);
  CHECK(run(R"({"days_between": [{"today": []}, "2026-12-25"]})", "null", context_on("2026-11-26")) == 29);
  CHECK(run(R"({"days_between": ["2026-01-01", null]})").is_null());
}

TEST_CASE("logic helper sum: numbers or one field of each row") {
  json data = json::parse(R"({"household": [
      {"name": "A", "income": 1200.5}, {"name": "B"}, {"name": "C", "income": null},
      {"name": "D", "income": "800"}, {"name": "E", "income": "n/a"}, {"name": "F", "income": 0.1},
      {"name": "G", "pay": {"net": 7}}]})");
  CHECK(run(R"({"sum": [{"var": "household"}, "income"]})", data.dump().c_str()) == 2000.6);
  CHECK(run(R"({"sum": [{"var": "household"}, "pay.net"]})", data.dump().c_str()) == 7);
  CHECK(run(R"({"sum": [[1, 2, 3.5]]})") == 6.5);
  CHECK(run(R"({"sum": [[0.1, 0.2]]})") == 0.30000000000000004);
  CHECK(run(R"({"sum": [[true, "", " ", null, [1], 4]]})") == 4);
  CHECK(run(R"({"sum": [{"var": "nothing"}, "income"]})", "{}") == 0);
  CHECK(run(R"({"sum": [[]]})") == 0);
  CHECK(run(R"({"sum": [{"var": "household"}, null]})", R"({"household": [1, 2]})") == 3);
  CHECK(run(R"({"sum": [{"var": "household"}, "income"]})", R"({"household": [{"income": 2}, {"income": 3}]})").is_number_integer());
}

TEST_CASE("logic helper count") {
  CHECK(run(R"({"count": [{"var": "rows"}]})", R"({"rows": [{}, {}, {}]})") == 3);
  CHECK(run(R"({"count": [[]]})") == 0);
  CHECK(run(R"({"count": [{"var": "rows"}]})", "{}") == 0);
  CHECK(run(R"({"count": ["abc"]})") == 0);
  CHECK(run(R"({"count": [{"filter": [{"var": "rows"}, {">": [{"var": "age"}, 17]}]}]})",
            R"({"rows": [{"age": 10}, {"age": 18}, {"age": 40}]})") == 2);
}

TEST_CASE("logic helper round: half away from zero") {
  CHECK(run(R"({"round": [2.5]})") == 3);
  CHECK(run(R"({"round": [-2.5]})") == -3);
  CHECK(run(R"({"round": [2.4999]})") == 2);
  CHECK(run(R"({"round": [-0.4]})") == 0);
  CHECK(run(R"({"round": [-0.4]})").is_number_integer());
  CHECK(run(R"({"round": [1.005, 2]})") == 1.01);  // as written, not as binary 1.00499999...
  CHECK(run(R"({"round": [2.675, 2]})") == 2.68);
  CHECK(run(R"({"round": [-2.675, 2]})") == -2.68);
  CHECK(run(R"({"round": [9.995, 2]})") == 10);
  CHECK(run(R"({"round": [1234.5, -2]})") == 1200);
  CHECK(run(R"({"round": [1250, -2]})") == 1300);
  CHECK(run(R"({"round": [0.004, 2]})") == 0);
  CHECK(run(R"({"round": [123.456, 1]})") == 123.5);
  CHECK(run(R"({"round": [7, 3]})") == 7);
  CHECK(run(R"({"round": ["3.7"]})") == 4);
  CHECK(run(R"({"round": [1e300, 2]})") == 1e300);
  CHECK(run(R"({"round": [0.5, 0]})") == 1);
  CHECK(run(R"({"round": [{"/": [2, 3]}, 2]})") == 0.67);
  CHECK(run(R"({"round": [null]})").is_null());
  CHECK(run(R"({"round": ["abc"]})").is_null());
  CHECK(run(R"({"round": [1.5, "x"]})").is_null());
  CHECK(run(R"({"round": [{"/": [1, 0]}]})").is_null());
}

TEST_CASE("logic helper birthdate_from_id: valid and invalid resident ID numbers") {
  // Check characters computed per GB 11643-1999.
  CHECK(run(R"({"birthdate_from_id": ["11010519491231002X"]})") == "1949-12-31");
  CHECK(run(R"({"birthdate_from_id": ["11010519491231002x"]})") == "1949-12-31");
  CHECK(run(R"({"birthdate_from_id": ["440524188001010014"]})") == "1880-01-01");
  CHECK(run(R"({"birthdate_from_id": [{"var": "id"}]})", R"({"id": "110105200002290013"})") == "2000-02-29");
  for (const char* bad : {
           R"({"birthdate_from_id": ["110105194912310021"]})",   // wrong check character
           R"({"birthdate_from_id": ["11010519491231002"]})",    // 17 characters
           R"({"birthdate_from_id": ["1101051949123100211"]})",  // 19
           R"({"birthdate_from_id": ["11010519491331002X"]})",   // month 13
           R"({"birthdate_from_id": ["110101190102290011"]})",   // 1901-02-29 does not exist
           R"({"birthdate_from_id": ["11010A19491231002X"]})",   // not a digit
           R"({"birthdate_from_id": [110105194912310020]})",     // a number, not text
           R"({"birthdate_from_id": [null]})"})
    CHECK_MESSAGE(run(bad).is_null(), bad);
}

TEST_CASE("logic helpers combine in realistic rules") {
  json data = json::parse(R"({"applicant": {"idNumber": "11010520080101001X"}})");
  // Adult by the ID number's birth date, on the host's date.
  const char* adult = R"({">=": [{"age": [{"birthdate_from_id": [{"var": "applicant.idNumber"}]}]}, 18]})";
  auto compiled = wb::logic::compile(json::parse(adult));
  REQUIRE(compiled);
  auto check_digit = [](std::string id17) {
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int t = 0;
    for (int i = 0; i < 17; ++i) t += (id17[static_cast<std::size_t>(i)] - '0') * w[i];
    return id17 + "10X98765432"[t % 11];
  };
  data["applicant"]["idNumber"] = check_digit("11010520080101001");
  CHECK(wb::logic::evaluate(*compiled, data, context_on("2026-01-01")) == true);
  CHECK(wb::logic::evaluate(*compiled, data, context_on("2025-12-31")) == false);
}
