#pragma once

#include <QString>

class QTranslator;

namespace dcc::client {

/// The application's language at run time. Texts are written in French (the source
/// language); English comes from translations/dcc-login_en.ts, compiled into the binary.
/// Switching sends LanguageChange to every widget, which retranslates itself.
class Translations
{
public:
    /// "fr", "en", or empty for the system's language (French unless it is English).
    static void apply(const QString& language);
    /// The language in effect after apply().
    static QString current();
};

} // namespace dcc::client
