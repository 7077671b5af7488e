#pragma once

#include <QString>

#include <string>
#include <vector>

namespace dcc::test {

/// The material of the "no secret in any log line" check (docs/security.md): when the
/// environment variable DCC_TEST_LOG_DIR is set (CTest sets it for every suite), the test
/// helpers note there every secret that crosses them — passwords, codes, reset tokens,
/// flows, tickets and session cookies of the requests and answers of HttpTestClient, the
/// codes read from mails — and keep the logs of the server processes they ran. After the
/// suites, tests/support/logs/scan-test-logs.py looks for every noted secret in every log.
/// Without the variable, nothing is written.
class TestLogs
{
public:
    /// The folder, or empty when logs are not kept.
    [[nodiscard]] static QString directory();

    /// Notes one secret (kind: "password", "code", "token", …). Values too short or too
    /// common to be told apart from ordinary log text are ignored (see the .cpp).
    static void recordSecret(const char* kind, const QString& value);
    /// Notes the secrets of one HTTP exchange: query parameters and JSON or form fields
    /// named like secrets in the request, the same fields and the launch ticket in the
    /// answer, and the session cookie it sets.
    static void recordExchange(const std::string& target, const std::string& requestBody,
                               const std::string& responseBody,
                               const std::vector<std::string>& setCookies);
    /// Copies the file `path` (a server process's log) into the folder as
    /// `<prefix>-<pid>-<n>.log`.
    static void keepLog(const QString& path, const QString& prefix);
};

} // namespace dcc::test
