#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

namespace {

// The shared libraries a binary names in its dynamic section (DT_NEEDED), as readelf -d
// prints them: " 0x...1 (NEEDED)  Shared library: [libQt6Core.so.6]".
QStringList neededLibraries(const QString& binary)
{
    QProcess readelf;
    readelf.start(QStringLiteral("readelf"),
                  {QStringLiteral("--dynamic"), QStringLiteral("--wide"), binary});
    if (!readelf.waitForFinished(30000) || readelf.exitStatus() != QProcess::NormalExit ||
        readelf.exitCode() != 0) {
        qWarning() << "readelf failed:" << readelf.readAllStandardError();
        return {};
    }
    QStringList needed;
    static const QRegularExpression line(
        QStringLiteral(R"(\(NEEDED\)\s+Shared library: \[([^\]]+)\])"));
    const QString output = QString::fromLocal8Bit(readelf.readAllStandardOutput());
    for (const QRegularExpressionMatch& match : line.globalMatch(output))
        needed << match.captured(1);
    return needed;
}

QStringList matching(const QStringList& libraries, const QStringList& prefixes)
{
    QStringList found;
    for (const QString& library : libraries) {
        for (const QString& prefix : prefixes) {
            if (library.startsWith(prefix))
                found << library;
        }
    }
    return found;
}

const QStringList kBackendOnly{QStringLiteral("libQt6Network"), QStringLiteral("libcrypto"),
                               QStringLiteral("libssl"), QStringLiteral("libpcsclite")};

} // namespace

/// What the dynamic loader maps before the login window shows (docs/BENCHMARKS.md, client
/// (a)): the executable must not need Qt Network, OpenSSL or PC/SC, directly or through the
/// core library; they come with the backend module, opened once the window is shown.
class TestExecutableLinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void executableNeedsNoNetworkCryptoOrPcsc()
    {
        const QStringList needed = neededLibraries(QStringLiteral(DCC_LOGIN_EXECUTABLE));
        QVERIFY2(needed.contains(QStringLiteral("libQt6Widgets.so.6")),
                 qPrintable(needed.join(' ')));
        QVERIFY2(needed.contains(QStringLiteral("libdcc-login-core.so")),
                 qPrintable(needed.join(' ')));
        QCOMPARE(matching(needed, kBackendOnly), QStringList{});
    }

    void coreLibraryNeedsNoNetworkCryptoOrPcsc()
    {
        const QStringList needed = neededLibraries(QStringLiteral(DCC_CORE_LIBRARY));
        QVERIFY2(needed.contains(QStringLiteral("libQt6Core.so.6")), qPrintable(needed.join(' ')));
        QCOMPARE(matching(needed, kBackendOnly), QStringList{});
    }

    // The same reading finds them where they belong: the module.
    void moduleBringsThem()
    {
        const QStringList needed = neededLibraries(QStringLiteral(DCC_BACKEND_MODULE));
        QCOMPARE(matching(needed, {QStringLiteral("libQt6Network")}).size(), 1);
        QCOMPARE(matching(needed, {QStringLiteral("libcrypto")}).size(), 1);
        QCOMPARE(matching(needed, {QStringLiteral("libpcsclite")}).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestExecutableLinks)
#include "TestExecutableLinks.moc"
