#pragma once

#include "common/ErrorCode.h"
#include "server/web/PageLanguage.h"

#include <string>

namespace dcc::server {

/// The page a browser gets when something goes wrong outside the JSON API.
class ErrorPage
{
public:
    static std::string forError(ErrorCode error, PageLanguage language);
};

} // namespace dcc::server
