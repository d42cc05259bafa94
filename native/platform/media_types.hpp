#pragma once
// The media type of a file picked from disk, from its name: what a material's accepted types are checked against
// (the CLI's `drafts attach` and the desktop app's file picker).

#include <string>
#include <string_view>

namespace wb::native {

// By extension, case-insensitively; "application/octet-stream" when the extension says nothing we accept.
std::string media_type_of(std::string_view file_name);

}  // namespace wb::native
