# pcscd with the vpcd virtual readers for the card tests, as CTest fixtures, and the helpers
# that drive it and vicc cards (included from tests/client/CMakeLists.txt).
#
#   fixture   what                                                   directory
#   pcscd     pcscd --foreground with vpcd ("Virtual PCD 00 00" on   ${DCC_TEST_PCSCD_DIR}
#             TCP 35963, "Virtual PCD 00 01" on 35964)
#
# Only one pcscd runs per machine (/run/pcscd/pcscd.comm): start-pcscd.sh refuses to start
# when one it did not start is running, and stop-pcscd.sh stops only the one it started.
# Every test that uses pcscd (or stops and starts it) takes RESOURCE_LOCK pcscd, so that
# none of them overlap.
set(DCC_TEST_PCSCD_DIR "${DCC_TEST_DATA_DIR}/pcscd")
set(pcsc_support "${CMAKE_CURRENT_LIST_DIR}")

add_test(NAME fixture.pcscd_setup
    COMMAND "${pcsc_support}/start-pcscd.sh" "${DCC_TEST_PCSCD_DIR}")
add_test(NAME fixture.pcscd_cleanup
    COMMAND "${pcsc_support}/stop-pcscd.sh" "${DCC_TEST_PCSCD_DIR}")
set_tests_properties(fixture.pcscd_setup PROPERTIES
    FIXTURES_SETUP pcscd RESOURCE_LOCK pcscd LABELS fixture)
set_tests_properties(fixture.pcscd_cleanup PROPERTIES
    FIXTURES_CLEANUP pcscd RESOURCE_LOCK pcscd LABELS fixture)

# vicc imports "Crypto" (PyCrypto's name); Debian ships pycryptodome as "Cryptodome".
set(DCC_TEST_VICC_PYTHONPATH_DIR "${CMAKE_CURRENT_BINARY_DIR}/vicc-python")
file(MAKE_DIRECTORY "${DCC_TEST_VICC_PYTHONPATH_DIR}")
file(CREATE_LINK /usr/lib/python3/dist-packages/Cryptodome
    "${DCC_TEST_VICC_PYTHONPATH_DIR}/Crypto" SYMBOLIC)
set(DCC_TEST_VICC_PYTHONPATH
    "/usr/lib/python3/site-packages/virtualsmartcard:${DCC_TEST_VICC_PYTHONPATH_DIR}")

add_library(dcc_pcsctestsupport STATIC
    "${pcsc_support}/Pcscd.cpp"
    "${pcsc_support}/Pcscd.h"
    "${pcsc_support}/ViccCard.cpp"
    "${pcsc_support}/ViccCard.h"
)
target_include_directories(dcc_pcsctestsupport PUBLIC "${PROJECT_SOURCE_DIR}")
target_compile_definitions(dcc_pcsctestsupport PRIVATE
    "DCC_TEST_PCSCD_DIR=\"${DCC_TEST_PCSCD_DIR}\""
    "DCC_TEST_PCSC_SCRIPTS=\"${pcsc_support}\""
    "DCC_TEST_VICC_PYTHONPATH=\"${DCC_TEST_VICC_PYTHONPATH}\"")
target_link_libraries(dcc_pcsctestsupport PUBLIC Qt6::Core PRIVATE PkgConfig::PCSC)
dcc_set_warnings(dcc_pcsctestsupport)
