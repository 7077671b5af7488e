# The virtual CAC card: the dcc-virtual-cac bridge (libcacard → vpcd), the CTest fixture that
# makes its data, and the helper that inserts and removes it (included from
# tests/client/CMakeLists.txt, after tests/support/pcsc/Fixture.cmake).
#
#   fixture   what                                                   directory
#   cac_card  Jean Dupont's auth and signature pairs on a removable  ${DCC_TEST_CAC_DIR}
#             SoftHSM token, and the NSS database libcacard reads
#             them through (card.env says where)
pkg_check_modules(LIBCACARD REQUIRED IMPORTED_TARGET libcacard)

set(DCC_TEST_CAC_DIR "${DCC_TEST_DATA_DIR}/cac-card")
set(cac_support "${CMAKE_CURRENT_LIST_DIR}")

add_test(NAME fixture.cac_card_setup
    COMMAND "${cac_support}/make-cac-card.sh" "${DCC_TEST_PKI_DIR}" "${DCC_TEST_CAC_DIR}")
set_tests_properties(fixture.cac_card_setup PROPERTIES FIXTURES_SETUP cac_card LABELS fixture)

# A test tool, never installed.
add_executable(dcc-virtual-cac "${cac_support}/VirtualCacBridge.cpp")
target_link_libraries(dcc-virtual-cac PRIVATE PkgConfig::LIBCACARD)
dcc_set_warnings(dcc-virtual-cac)

add_library(dcc_cactestsupport STATIC
    "${cac_support}/VirtualCacCard.cpp"
    "${cac_support}/VirtualCacCard.h"
)
target_include_directories(dcc_cactestsupport PUBLIC "${PROJECT_SOURCE_DIR}")
target_compile_definitions(dcc_cactestsupport PRIVATE
    "DCC_TEST_CAC_DIR=\"${DCC_TEST_CAC_DIR}\""
    "DCC_TEST_CAC_BRIDGE=\"$<TARGET_FILE:dcc-virtual-cac>\"")
target_link_libraries(dcc_cactestsupport PUBLIC Qt6::Core dcc_pcsctestsupport)
add_dependencies(dcc_cactestsupport dcc-virtual-cac)
dcc_set_warnings(dcc_cactestsupport)
