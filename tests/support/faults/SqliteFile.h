#pragma once

#include <QString>
#include <QStringList>

struct sqlite3;

namespace dcc::test {

/// A second, independent connection to a server's SQLite file, for the fault tests: what a
/// backup tool, an administrator's `sqlite3` shell or another process would hold. Opened
/// read-write without creating the file; every failure throws std::runtime_error with
/// SQLite's message.
class SqliteFile
{
public:
    explicit SqliteFile(const QString& path);
    ~SqliteFile();
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    /// Runs `sql` (one or more statements) and returns the first column of every row of the
    /// last statement, as text (NULL as an empty string).
    QStringList query(const QString& sql);
    /// The single value of a one-row, one-column query.
    QString value(const QString& sql);

    /// `PRAGMA integrity_check` of a file, through a connection of its own: "ok" when the
    /// file is sound, SQLite's list of problems otherwise.
    static QString integrityCheck(const QString& path);

private:
    sqlite3* m_db = nullptr;
    QString m_path;
};

} // namespace dcc::test
