#pragma once

#include "common/ErrorCode.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dcc {

/// An answer of the protocol's error table: the code, an English message for logs and
/// developers, and the extra fields some codes carry (attempts_left, retry_after, reason,
/// rules, field). Thrown by the server's login logic and turned into the JSON error body
/// at the HTTP boundary; built by the client from that body.
class ProtocolError : public std::runtime_error
{
public:
    using Value = std::variant<std::int64_t, std::string, std::vector<std::string>>;
    using Detail = std::pair<std::string, Value>;

    ProtocolError(ErrorCode code, const std::string& message)
        : std::runtime_error(message)
        , m_code(code)
    {}

    ProtocolError& with(std::string key, std::int64_t value)
    {
        m_details.emplace_back(std::move(key), value);
        return *this;
    }
    ProtocolError& with(std::string key, std::string value)
    {
        m_details.emplace_back(std::move(key), std::move(value));
        return *this;
    }
    ProtocolError& with(std::string key, std::vector<std::string> values)
    {
        m_details.emplace_back(std::move(key), std::move(values));
        return *this;
    }

    [[nodiscard]] ErrorCode code() const noexcept { return m_code; }
    [[nodiscard]] const std::vector<Detail>& details() const noexcept { return m_details; }

private:
    ErrorCode m_code;
    std::vector<Detail> m_details;
};

} // namespace dcc
