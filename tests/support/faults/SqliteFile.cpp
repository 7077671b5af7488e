#include "tests/support/faults/SqliteFile.h"

#include <QFile>

#include <sqlite3.h>
#include <stdexcept>

namespace dcc::test {

SqliteFile::SqliteFile(const QString& path)
    : m_path(path)
{
    const int opened = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (opened != SQLITE_OK) {
        const std::string why = m_db != nullptr ? sqlite3_errmsg(m_db) : sqlite3_errstr(opened);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw std::runtime_error("SqliteFile: cannot open " + path.toStdString() + ": " + why);
    }
}

SqliteFile::~SqliteFile()
{
    sqlite3_close_v2(m_db); // rolls back whatever transaction a test left open
}

QStringList SqliteFile::query(const QString& sql)
{
    const QByteArray text = sql.toUtf8();
    const char* next = text.constData();
    QStringList rows;
    while (next != nullptr && *next != '\0') {
        sqlite3_stmt* statement = nullptr;
        const char* rest = nullptr;
        if (sqlite3_prepare_v2(m_db, next, -1, &statement, &rest) != SQLITE_OK)
            throw std::runtime_error("SqliteFile: " + sql.toStdString() + ": " +
                                     sqlite3_errmsg(m_db));
        next = rest;
        if (statement == nullptr)
            continue; // whitespace or a comment
        rows.clear();
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
            const auto* cell = sqlite3_column_text(statement, 0);
            rows.append(cell != nullptr ? QString::fromUtf8(reinterpret_cast<const char*>(cell))
                                        : QString());
        }
        sqlite3_finalize(statement);
        if (step != SQLITE_DONE)
            throw std::runtime_error("SqliteFile: " + sql.toStdString() + ": " +
                                     sqlite3_errmsg(m_db));
    }
    return rows;
}

QString SqliteFile::value(const QString& sql)
{
    const QStringList rows = query(sql);
    if (rows.size() != 1)
        throw std::runtime_error("SqliteFile: " + sql.toStdString() + " gave " +
                                 std::to_string(rows.size()) + " rows, expected 1");
    return rows.front();
}

QString SqliteFile::integrityCheck(const QString& path)
{
    SqliteFile file(path);
    return file.query(QStringLiteral("PRAGMA integrity_check")).join(QLatin1Char('\n'));
}

} // namespace dcc::test
