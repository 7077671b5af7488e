# "No secret in any log line of a test run" (docs/security.md), as CTest fixture log_capture:
# every suite of dcc_add_qt_test requires it and writes its output, its server processes'
# logs and the secrets its helpers saw into DCC_TEST_LOG_DIR (see TestLogs.h); the setup
# empties the folder, and the cleanup — run by CTest after the last suite of the run —
# scans it. `ctest -R <suite>` scans that suite's logs alone.
set(DCC_TEST_LOG_DIR "${CMAKE_BINARY_DIR}/test-logs")
set(DCC_TEST_LOG_RUNNER "${CMAKE_CURRENT_LIST_DIR}/run-logged.sh")
find_package(Python3 REQUIRED COMPONENTS Interpreter)

add_test(NAME fixture.log_capture_setup
    COMMAND "${CMAKE_COMMAND}" -E rm -rf "${DCC_TEST_LOG_DIR}")
set_tests_properties(fixture.log_capture_setup PROPERTIES
    FIXTURES_SETUP log_capture LABELS fixture)
add_test(NAME security.no_secret_in_logs
    COMMAND /usr/bin/python3 "${CMAKE_CURRENT_LIST_DIR}/scan-test-logs.py"
            "${DCC_TEST_LOG_DIR}" "${PROJECT_SOURCE_DIR}/tests")
set_tests_properties(security.no_secret_in_logs PROPERTIES
    FIXTURES_CLEANUP log_capture LABELS "security;fixture")
