#pragma once
// The "format" checks: RFC 3339 dates and times, ISO 8601 durations, e-mail, host names, IP addresses, URIs,
// UUIDs, JSON Pointers, ECMA-262 regexes, and Wangban's Chinese identifiers (formats_cn.cpp).

#include <optional>
#include <string_view>

#include "core/common/errors.hpp"

namespace wb::validate {

enum class Format {
  Date, Time, DateTime, Duration, Email, IdnEmail, Hostname, IdnHostname, Ipv4, Ipv6, Uri, UriReference, Iri,
  IriReference, UriTemplate, Uuid, JsonPointer, RelativeJsonPointer, Regex,
  CnResidentId, CnUscc, CnMobile, CnPostcode
};

std::optional<Format> format_from_name(std::string_view name);  // nullopt: unknown format (always valid)
bool check_format(Format format, std::string_view value);
ErrorCode format_error_code(Format format);

// Individual checks (also used by the form engine and tests).
bool is_date(std::string_view s);
bool is_time(std::string_view s);
bool is_date_time(std::string_view s);
bool is_duration(std::string_view s);
bool is_email(std::string_view s);
bool is_hostname(std::string_view s);
bool is_ipv4(std::string_view s);
bool is_ipv6(std::string_view s);
bool is_uri(std::string_view s, bool require_scheme);
bool is_uuid(std::string_view s);
bool is_json_pointer(std::string_view s);
bool is_relative_json_pointer(std::string_view s);
bool is_uri_template(std::string_view s);

bool is_cn_resident_id(std::string_view s);  // GB 11643-1999
bool is_cn_uscc(std::string_view s);         // GB 32100-2015
bool is_cn_mobile(std::string_view s);
bool is_cn_postcode(std::string_view s);
char cn_resident_id_check_char(std::string_view first17);  // '0'..'9' or 'X'; '\0' when not 17 digits
char cn_uscc_check_char(std::string_view first17);         // '\0' when a character is outside the alphabet

}  // namespace wb::validate
