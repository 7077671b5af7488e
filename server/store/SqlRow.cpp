#include "server/store/SqlRow.h"

#include "server/store/StoreError.h"

namespace dcc::server {

const SqlRow::Cell& SqlRow::cell(std::size_t column) const
{
    if (column >= m_cells.size())
        throw StoreUnavailable("result column " + std::to_string(column) + " does not exist (" +
                               std::to_string(m_cells.size()) + " columns)");
    return m_cells[column];
}

bool SqlRow::isNull(std::size_t column) const
{
    return std::holds_alternative<std::nullptr_t>(cell(column));
}

std::int64_t SqlRow::integer(std::size_t column) const
{
    if (const auto* value = std::get_if<std::int64_t>(&cell(column)))
        return *value;
    throw StoreUnavailable("result column " + std::to_string(column) + " is not an integer");
}

const std::string& SqlRow::text(std::size_t column) const
{
    if (const auto* value = std::get_if<std::string>(&cell(column)))
        return *value;
    throw StoreUnavailable("result column " + std::to_string(column) + " is not text");
}

std::optional<std::string> SqlRow::optionalText(std::size_t column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> SqlRow::optionalInteger(std::size_t column) const
{
    if (isNull(column))
        return std::nullopt;
    return integer(column);
}

} // namespace dcc::server
