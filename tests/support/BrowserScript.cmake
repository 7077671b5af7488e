# dcc_browserscript: runs the Node scripts of tests/browser/ (playwright-core driving Debian's
# Chromium) from the C++ tests and hands back the JSON they print (BrowserScript.h).
# Included from tests/CMakeLists.txt; the scripts' node_modules come from
# scripts/setup-deps.sh (`npm ci --prefix tests/browser`), never from the build.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core)

add_library(dcc_browserscript STATIC
    "${CMAKE_CURRENT_LIST_DIR}/BrowserScript.cpp"
    "${CMAKE_CURRENT_LIST_DIR}/BrowserScript.h"
)
target_include_directories(dcc_browserscript PUBLIC "${PROJECT_SOURCE_DIR}")
# The scripts are run in place from the source tree (tests/browser/), next to their
# node_modules.
target_compile_definitions(dcc_browserscript PRIVATE
    "DCC_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\"")
target_link_libraries(dcc_browserscript PUBLIC Qt6::Core)
dcc_set_warnings(dcc_browserscript)
