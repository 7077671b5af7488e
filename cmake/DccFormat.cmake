# `format` rewrites every tracked C++ file with the committed .clang-format;
# `scripts/check-format.sh` (a CTest check) fails when one has drifted.
find_program(CLANG_FORMAT_PROGRAM clang-format)
if(CLANG_FORMAT_PROGRAM)
    add_custom_target(format
        COMMAND "${PROJECT_SOURCE_DIR}/scripts/check-format.sh" --fix
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        COMMENT "Applying .clang-format to the project's C++ sources"
        VERBATIM)
endif()
