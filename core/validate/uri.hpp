#pragma once
// RFC 3986 URI references: parsing, resolution against a base, and splitting off fragments (for $id/$ref).

#include <string>
#include <string_view>

namespace wb::validate {

// Resolves `ref` against `base` (RFC 3986 section 5.2, with dot-segment removal). Either may carry a fragment.
std::string resolve_uri(std::string_view base, std::string_view ref);

// Splits "a#b" into "a" and "b" (fragment without '#'; empty when there is none).
void split_fragment(std::string_view uri, std::string& without, std::string& fragment);

// Percent-decodes a fragment ("%25" → "%"); invalid escapes are kept as they are.
std::string percent_decode(std::string_view s);

}  // namespace wb::validate
