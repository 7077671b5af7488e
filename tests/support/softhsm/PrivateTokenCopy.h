#pragma once

#include <QString>
#include <QTemporaryDir>

namespace dcc::test {

/// A copy of a SoftHSM token made by a fixture (make-cps-token.sh, make-plain-token.sh),
/// private to one test process.
///
/// SoftHSM rewrites a token's file on every login (the "PIN count low" flag), and another
/// process that opens the token at that moment finds no token at all: a suite signing with
/// the token made a suite running beside it fail with "no token labelled ...". Copies also
/// keep one suite's PIN state (a wrong PIN sets the flag) out of the others.
class PrivateTokenCopy
{
public:
    /// Copies `fixtureDir`/tokens and writes a SoftHSM configuration pointing at the copy.
    /// Throws std::runtime_error when the copy fails.
    explicit PrivateTokenCopy(const QString& fixtureDir);

    /// The copy of `fixtureDir` this process shares between its tests: made at the first
    /// call, removed when the process ends.
    static const PrivateTokenCopy& forProcess(const QString& fixtureDir);

    /// Puts SOFTHSM2_CONF in the environment (before the module is loaded).
    void select() const;
    [[nodiscard]] QString softHsmConf() const;

private:
    QTemporaryDir m_dir;
};

} // namespace dcc::test
