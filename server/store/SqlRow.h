#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dcc::server {

/// One row of a result read by SqlSession::query(), by column position. Reading a column as
/// a type it does not hold throws StoreUnavailable: it means the SQL and the code disagree.
class SqlRow
{
public:
    using Cell = std::variant<std::nullptr_t, std::int64_t, std::string>;

    explicit SqlRow(std::vector<Cell> cells)
        : m_cells(std::move(cells))
    {}

    [[nodiscard]] std::size_t size() const noexcept { return m_cells.size(); }
    [[nodiscard]] bool isNull(std::size_t column) const;
    [[nodiscard]] std::int64_t integer(std::size_t column) const;
    [[nodiscard]] const std::string& text(std::size_t column) const;
    /// std::nullopt for NULL.
    [[nodiscard]] std::optional<std::string> optionalText(std::size_t column) const;
    [[nodiscard]] std::optional<std::int64_t> optionalInteger(std::size_t column) const;

private:
    const Cell& cell(std::size_t column) const;

    std::vector<Cell> m_cells;
};

} // namespace dcc::server
