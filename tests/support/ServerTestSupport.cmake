# dcc_servertestsupport: what the server's tests use to drive the real dcc-login-server
# binary on loopback (ServerProcess), talk HTTP(S) to it (HttpTestClient) and open its
# pages in headless Chromium (HeadlessChromium). Included from tests/CMakeLists.txt after
# tests/support/ (it links dcc_testsupport) and after server/ was added at the top level.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Test)
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Net NetSSL JSON)

# The server binary the tests start. When the target exists (the normal case: server/ is
# added before tests/), its real location, and the tests are built after it. The fallback
# keeps the library buildable while the server is not there yet.
if(TARGET dcc-login-server)
    set(DCC_TEST_SERVER_BINARY "$<TARGET_FILE:dcc-login-server>")
else()
    set(DCC_TEST_SERVER_BINARY "${CMAKE_BINARY_DIR}/server/app/dcc-login-server")
endif()

add_library(dcc_servertestsupport STATIC
    "${CMAKE_CURRENT_LIST_DIR}/HeadlessChromium.cpp"
    "${CMAKE_CURRENT_LIST_DIR}/HeadlessChromium.h"
    "${CMAKE_CURRENT_LIST_DIR}/HttpTestClient.cpp"
    "${CMAKE_CURRENT_LIST_DIR}/HttpTestClient.h"
    "${CMAKE_CURRENT_LIST_DIR}/ServerProcess.cpp"
    "${CMAKE_CURRENT_LIST_DIR}/ServerProcess.h"
    "${CMAKE_CURRENT_LIST_DIR}/ServiceReadiness.cpp"
    "${CMAKE_CURRENT_LIST_DIR}/ServiceReadiness.h"
)
target_compile_definitions(dcc_servertestsupport PRIVATE
    "DCC_SERVER_BINARY=\"${DCC_TEST_SERVER_BINARY}\"")
target_link_libraries(dcc_servertestsupport
    PUBLIC
        dcc_testsupport
        Qt6::Core Qt6::Network Qt6::Test
        Poco::Net Poco::NetSSL Poco::JSON Poco::Foundation
    PRIVATE
        OpenSSL::SSL)
dcc_set_warnings(dcc_servertestsupport)
if(TARGET dcc-login-server)
    add_dependencies(dcc_servertestsupport dcc-login-server)
endif()
