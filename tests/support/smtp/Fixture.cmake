# Real SMTP servers (aiosmtpd) on loopback for the tests, as CTest fixtures, and the
# library that reads what they received (included from tests/CMakeLists.txt).
#
#   fixture   server                                             directory
#   smtp      plain SMTP                                         ${DCC_TEST_SMTP_DIR}
#   smtp_tls  STARTTLS required, AUTH PLAIN/LOGIN for one user   ${DCC_TEST_SMTP_DIR}/starttls
#             TLS from the first byte (port 465 style)           ${DCC_TEST_SMTP_DIR}/smtps
#             both with a certificate for DNS:localhost from a
#             throw-away CA                                      ${DCC_TEST_SMTP_DIR}/tls
#
# Each directory's smtp.env says where its server listens (tests read it through
# dcc::test::SmtpMailbox). The ports are free ones the kernel picked, so several builds can
# run their tests on one machine.
set(DCC_TEST_SMTP_DIR "${DCC_TEST_DATA_DIR}/smtp")
set(smtp_support "${CMAKE_CURRENT_LIST_DIR}")

add_test(NAME fixture.smtp_setup
    COMMAND "${smtp_support}/start-smtp.sh" "${DCC_TEST_SMTP_DIR}")
add_test(NAME fixture.smtp_cleanup
    COMMAND "${smtp_support}/stop-smtp.sh" "${DCC_TEST_SMTP_DIR}")
set_tests_properties(fixture.smtp_setup PROPERTIES FIXTURES_SETUP smtp LABELS fixture)
set_tests_properties(fixture.smtp_cleanup PROPERTIES FIXTURES_CLEANUP smtp LABELS fixture)

# Remade for every run that needs it: it is cheap, and never outlives its 30 days.
add_test(NAME fixture.smtp_tls_certificate
    COMMAND "${smtp_support}/make-smtp-cert.sh" "${DCC_TEST_SMTP_DIR}/tls")
set_tests_properties(fixture.smtp_tls_certificate PROPERTIES
    FIXTURES_SETUP smtp_tls_certificate LABELS fixture)
foreach(server IN ITEMS "starttls;--starttls;--auth;dcc-mailer;Smtp-test-Passw0rd"
                        "smtps;--smtps")
    list(POP_FRONT server name mode)
    add_test(NAME fixture.smtp_${name}_setup
        COMMAND "${smtp_support}/start-smtp.sh" "${DCC_TEST_SMTP_DIR}/${name}"
                ${mode} "${DCC_TEST_SMTP_DIR}/tls/localhost.pem"
                "${DCC_TEST_SMTP_DIR}/tls/localhost.key.pem" ${server})
    add_test(NAME fixture.smtp_${name}_cleanup
        COMMAND "${smtp_support}/stop-smtp.sh" "${DCC_TEST_SMTP_DIR}/${name}")
    set_tests_properties(fixture.smtp_${name}_setup PROPERTIES
        FIXTURES_SETUP smtp_tls FIXTURES_REQUIRED smtp_tls_certificate LABELS fixture)
    set_tests_properties(fixture.smtp_${name}_cleanup PROPERTIES
        FIXTURES_CLEANUP smtp_tls LABELS fixture)
endforeach()

# Test-only code (Qt Core): reads smtp.env and the servers' Maildirs, decodes mails.
add_library(dcc_smtptestsupport STATIC
    "${smtp_support}/ReceivedMail.cpp"
    "${smtp_support}/ReceivedMail.h"
    "${smtp_support}/SmtpMailbox.cpp"
    "${smtp_support}/SmtpMailbox.h"
)
target_include_directories(dcc_smtptestsupport PUBLIC
    "${PROJECT_SOURCE_DIR}"
    "${PROJECT_BINARY_DIR}")
target_link_libraries(dcc_smtptestsupport PUBLIC Qt6::Core)
dcc_set_warnings(dcc_smtptestsupport)
