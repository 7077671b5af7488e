# fixture `postgresql`: a private PostgreSQL cluster for the suites registered to run on
# PostgreSQL too (dcc_add_server_suite_on_postgresql). Its libpq connection string is
# written to DCC_TEST_POSTGRESQL_CONNECTION.
set(DCC_TEST_POSTGRESQL_STATE "${DCC_TEST_DATA_DIR}/postgresql")
set(DCC_TEST_POSTGRESQL_CONNECTION "${DCC_TEST_POSTGRESQL_STATE}/connection")
add_test(NAME fixture.postgresql_setup
    COMMAND "${CMAKE_CURRENT_LIST_DIR}/cluster.sh" start "${DCC_TEST_POSTGRESQL_STATE}")
add_test(NAME fixture.postgresql_cleanup
    COMMAND "${CMAKE_CURRENT_LIST_DIR}/cluster.sh" stop "${DCC_TEST_POSTGRESQL_STATE}")
set_tests_properties(fixture.postgresql_setup PROPERTIES
    FIXTURES_SETUP postgresql LABELS fixture TIMEOUT 120)
set_tests_properties(fixture.postgresql_cleanup PROPERTIES
    FIXTURES_CLEANUP postgresql LABELS fixture TIMEOUT 60)

# Registers the already defined server test <suite>.<name> a second time as
# <suite>.<name>.postgresql, its servers on a fresh schema of the private cluster.
function(dcc_also_on_postgresql suite name)
    set(test "${suite}.${name}")
    get_test_property("${test}" FIXTURES_REQUIRED fixtures)
    get_test_property("${test}" RESOURCE_LOCK locks)
    add_test(NAME "${test}.postgresql" COMMAND "test_${suite}_${name}")
    set_tests_properties("${test}.postgresql" PROPERTIES
        LABELS "${suite};postgresql"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DCC_TEST_DATABASE=postgresql;DCC_TEST_POSTGRESQL_CONNECTION=${DCC_TEST_POSTGRESQL_CONNECTION}"
        TIMEOUT 180)
    set(all_fixtures postgresql)
    if(fixtures)
        list(APPEND all_fixtures ${fixtures})
    endif()
    set_tests_properties("${test}.postgresql" PROPERTIES FIXTURES_REQUIRED "${all_fixtures}")
    if(locks)
        set_tests_properties("${test}.postgresql" PROPERTIES RESOURCE_LOCK "${locks}")
    endif()
endfunction()
