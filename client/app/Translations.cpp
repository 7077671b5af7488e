#include "client/app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace dcc::client {

namespace {

std::unique_ptr<QTranslator>& appTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator>& qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("fr");
    return language;
}

} // namespace

void Translations::apply(const QString& language)
{
    QString chosen = language;
    if (chosen.isEmpty())
        chosen = QLocale::system().language() == QLocale::English ? "en" : "fr";
    for (auto* slot : {&appTranslator(), &qtTranslator()}) {
        if (*slot) {
            QCoreApplication::removeTranslator(slot->get());
            slot->reset();
        }
    }
    auto app = std::make_unique<QTranslator>();
    if (app->load(QStringLiteral(":/i18n/dcc-login_%1.qm").arg(chosen)))
        QCoreApplication::installTranslator(app.get());
    appTranslator() = std::move(app);
    // Qt's own dialogs (buttons of message boxes, …) in the same language.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(chosen), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
    qtTranslator() = std::move(qt);
    currentLanguage() = chosen;
}

QString Translations::current()
{
    return currentLanguage();
}

} // namespace dcc::client
