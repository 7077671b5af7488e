#pragma once

#include <QString>
#include <QTemporaryDir>

namespace dcc::test {

/// A private copy of the cps_token fixture's SoftHSM token, for the tests that change its
/// PIN state (a wrong PIN sets "count low", a right one clears it): the shared token is
/// read by other suites at the same time, which must not see those changes.
class PrivateCpsToken
{
public:
    /// Copies the token files and writes a SoftHSM configuration pointing at the copy.
    /// Throws std::runtime_error when the copy fails.
    PrivateCpsToken();

    /// Puts SOFTHSM2_CONF in the environment (before the module is loaded).
    void select() const;
    [[nodiscard]] QString softHsmConf() const;

private:
    QTemporaryDir m_dir;
};

} // namespace dcc::test
