#pragma once

#include "client/card/CardError.h"

#include <exception>
#include <string>

namespace dcc::card {

/// Carries a CardError up through the card layer's internals (the PC/SC and PKCS#11
/// chokepoints throw it); the façade turns it back into a CardError signal, so no exception
/// ever reaches the UI or crosses a thread.
class CardException : public std::exception
{
public:
    explicit CardException(CardError error)
        : m_error(std::move(error))
        , m_what(m_error.description().toStdString())
    {}

    [[nodiscard]] const CardError& error() const noexcept { return m_error; }
    [[nodiscard]] const char* what() const noexcept override { return m_what.c_str(); }

private:
    CardError m_error;
    std::string m_what;
};

} // namespace dcc::card
