#include <doctest/doctest.h>

#include "native/platform/media_types.hpp"

using wb::native::media_type_of;

TEST_CASE("media types come from the file name, case-insensitively") {
  CHECK(media_type_of("scan.PDF") == "application/pdf");
  CHECK(media_type_of("照片.JPEG") == "image/jpeg");
  CHECK(media_type_of("/home/u/证件/a.jpg") == "image/jpeg");
  CHECK(media_type_of("a.png") == "image/png");
  CHECK(media_type_of("x.ofd") == "application/ofd");
  CHECK(media_type_of("申请表.docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(media_type_of("archive") == "application/octet-stream");
  CHECK(media_type_of("photo.png.exe") == "application/octet-stream");  // the last extension decides
  CHECK(media_type_of(".pdf") == "application/octet-stream");           // a hidden file named ".pdf" has none
}
