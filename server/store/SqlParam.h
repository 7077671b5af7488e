#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace dcc::server {

/// A value for one `?` of a statement run by SqlSession::query() or execute(): NULL, an
/// integer or text. Text is viewed, not copied; it only has to outlive the call.
using SqlParam = std::variant<std::nullptr_t, std::int64_t, std::string_view>;

/// NULL when absent.
inline SqlParam optionalText(const std::optional<std::string>& value)
{
    return value ? SqlParam(std::string_view(*value)) : SqlParam(nullptr);
}

inline SqlParam optionalInteger(const std::optional<std::int64_t>& value)
{
    return value ? SqlParam(*value) : SqlParam(nullptr);
}

} // namespace dcc::server
