# The generated faces of the one error table (core/common/error_codes.def): the C enum of the C API and the
# TypeScript union of the JS SDK, regenerated at build time whenever the table changes (target wangban_error_codes;
# see GenerateErrorCodes.cmake). Both the native and the wasm builds have them.
set(WANGBAN_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
set(WANGBAN_ERROR_CODES_H "${WANGBAN_GENERATED_DIR}/include/wangban_error_codes.h")
set(WANGBAN_ERROR_CODES_TS "${WANGBAN_GENERATED_DIR}/js/error_codes.d.ts")
set(WANGBAN_ERROR_CODES_JS "${WANGBAN_GENERATED_DIR}/js/error_codes.js")
add_custom_command(
  OUTPUT "${WANGBAN_ERROR_CODES_H}" "${WANGBAN_ERROR_CODES_TS}" "${WANGBAN_ERROR_CODES_JS}"
  COMMAND "${CMAKE_COMMAND}" "-DDEF=${CMAKE_SOURCE_DIR}/core/common/error_codes.def"
          "-DOUT_DIR=${WANGBAN_GENERATED_DIR}" -P "${CMAKE_SOURCE_DIR}/cmake/GenerateErrorCodes.cmake"
  DEPENDS "${CMAKE_SOURCE_DIR}/core/common/error_codes.def" "${CMAKE_SOURCE_DIR}/cmake/GenerateErrorCodes.cmake"
  COMMENT "Generating the C and TypeScript error codes from error_codes.def"
  VERBATIM)
add_custom_target(wangban_error_codes ALL
  DEPENDS "${WANGBAN_ERROR_CODES_H}" "${WANGBAN_ERROR_CODES_TS}" "${WANGBAN_ERROR_CODES_JS}")
