#pragma once
// Saves the frame just rendered (the back buffer) as a PNG.

#include <string>

namespace wb::desktop {

// Returns "" on success, else why not.
std::string save_screenshot(const std::string& path, int width, int height);

}  // namespace wb::desktop
