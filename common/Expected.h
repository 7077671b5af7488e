#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace dcc {

/// The error side of an Expected, so that `return Unexpected{Problem::X};` reads as a failure.
template <typename E>
struct Unexpected
{
    E error;
};
// Spelled out for compilers without class template argument deduction for aggregates
// (clang before 17, which builds the fuzz targets).
template <typename E>
Unexpected(E) -> Unexpected<E>;

/// A value or the reason there is none. common/ reports expected failures (bad user input,
/// undecodable certificates) this way rather than by exceptions, so that callers on both
/// sides must look at the reason. A small stand-in for C++23's std::expected.
template <typename T, typename E>
class Expected
{
public:
    Expected(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Expected(Unexpected<E> failure)
        : m_state(std::in_place_index<1>, std::move(failure.error))
    {}

    [[nodiscard]] bool hasValue() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return hasValue(); }

    [[nodiscard]] const T& value() const& { return std::get<0>(m_state); }
    [[nodiscard]] T& value() & { return std::get<0>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_state)); }
    const T* operator->() const { return &value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const E& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};

} // namespace dcc
