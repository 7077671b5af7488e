#pragma once

#include <string>

namespace dcc::server {

/// Pages are French first; English when the browser prefers it to French.
enum class PageLanguage
{
    French,
    English,
};

/// From an Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8" → English).
PageLanguage pageLanguageFrom(const std::string& acceptLanguage);

} // namespace dcc::server
