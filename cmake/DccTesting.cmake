# dcc_add_qt_test(<Name> SUITE <suite> SOURCES … [LIBRARIES …] [FIXTURES …] [RESOURCE_LOCKS …])
#
# One Qt Test executable per class under test, registered with CTest as <suite>.<Name>.
# FIXTURES names CTest fixtures (test PKI, SoftHSM token, later pcscd, SMTP…) that the
# test needs: CTest runs their setup first and their cleanup after the last user.
function(dcc_add_qt_test name)
    cmake_parse_arguments(ARG "" "SUITE" "SOURCES;LIBRARIES;FIXTURES;RESOURCE_LOCKS" ${ARGN})
    if(NOT ARG_SUITE OR NOT ARG_SOURCES)
        message(FATAL_ERROR "dcc_add_qt_test(${name}): SUITE and SOURCES are required")
    endif()
    set(target "test_${ARG_SUITE}_${name}")
    add_executable(${target} ${ARG_SOURCES})
    set_target_properties(${target} PROPERTIES AUTOMOC ON)
    target_link_libraries(${target} PRIVATE Qt6::Test ${ARG_LIBRARIES})
    dcc_set_warnings(${target})
    # With DCC_TEST_LOG_DIR (tests/support/logs/Fixture.cmake), the output is also kept
    # for the "no secret in any log line" check that runs after the suites.
    if(DCC_TEST_LOG_DIR)
        add_test(NAME "${ARG_SUITE}.${name}"
            COMMAND "${DCC_TEST_LOG_RUNNER}" "${DCC_TEST_LOG_DIR}/${ARG_SUITE}.${name}.log"
                    $<TARGET_FILE:${target}>)
        list(APPEND ARG_FIXTURES log_capture)
    else()
        add_test(NAME "${ARG_SUITE}.${name}" COMMAND ${target})
    endif()
    set_tests_properties("${ARG_SUITE}.${name}" PROPERTIES
        LABELS "${ARG_SUITE}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DCC_TEST_LOG_DIR=${DCC_TEST_LOG_DIR}"
        TIMEOUT 120)
    if(ARG_FIXTURES)
        set_tests_properties("${ARG_SUITE}.${name}" PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
    endif()
    if(ARG_RESOURCE_LOCKS)
        set_tests_properties("${ARG_SUITE}.${name}" PROPERTIES RESOURCE_LOCK "${ARG_RESOURCE_LOCKS}")
    endif()
endfunction()
