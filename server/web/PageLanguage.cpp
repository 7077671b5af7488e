#include "server/web/PageLanguage.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace dcc::server {

PageLanguage pageLanguageFrom(const std::string& acceptLanguage)
{
    double french = -1;
    double english = -1;
    const Poco::StringTokenizer ranges(acceptLanguage, ",",
                                       Poco::StringTokenizer::TOK_TRIM |
                                           Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& range : ranges) {
        const auto semicolon = range.find(';');
        const std::string tag = Poco::toLower(Poco::trim(range.substr(0, semicolon)));
        double quality = 1.0;
        const auto q = range.find("q=", semicolon == std::string::npos ? range.size() : semicolon);
        if (q != std::string::npos &&
            !Poco::NumberParser::tryParseFloat(range.substr(q + 2), quality))
            quality = 0;
        const std::string primary = tag.substr(0, tag.find('-'));
        if (primary == "fr" && quality > french)
            french = quality;
        else if (primary == "en" && quality > english)
            english = quality;
    }
    return english > french ? PageLanguage::English : PageLanguage::French;
}

} // namespace dcc::server
