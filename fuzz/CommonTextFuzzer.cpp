// Feeds the same bytes to every parser of common/ that reads what a person or a card
// reader typed: identifier, password rules, e-mail address (and its mask), OTP code,
// PS_IdNat, ATR, UTF-8 and the signature algorithm name. Beyond "no crash, no sanitizer
// report", it checks the properties callers rely on and aborts when one breaks.
#include "common/Atr.h"
#include "common/EmailAddress.h"
#include "common/Identifier.h"
#include "common/NationalIdentifier.h"
#include "common/OtpCode.h"
#include "common/PasswordPolicy.h"
#include "common/SignatureAlgorithm.h"
#include "common/Utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

bool isAsciiDigits(std::string_view text)
{
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

void identifier(std::string_view text)
{
    const auto parsed = dcc::Identifier::parse(text);
    if (!parsed) {
        require(!dcc::Identifier::problemCode(parsed.error()).empty());
        return;
    }
    const std::string& value = parsed->value();
    require(!value.empty() && value.size() <= dcc::Identifier::kMaxLength);
    // An accepted identifier is already normal: parsing it again gives itself.
    const auto again = dcc::Identifier::parse(value);
    require(again.hasValue() && again->value() == value);
    require(dcc::Identifier::normalise(value) == value);
}

void email(std::string_view text)
{
    const auto parsed = dcc::EmailAddress::parse(text);
    if (!parsed) {
        require(!dcc::EmailAddress::problemCode(parsed.error()).empty());
        return;
    }
    require(parsed->address().size() <= dcc::EmailAddress::kMaxLength);
    require(parsed->localPart().size() <= dcc::EmailAddress::kMaxLocalPartLength);
    const std::string masked = parsed->masked();
    // The mask shows the domain in full and never the whole local part (unless one letter).
    require(masked.ends_with("@" + std::string(parsed->domain())));
    const auto again = dcc::EmailAddress::parse(parsed->address());
    require(again.hasValue() && again->address() == parsed->address());
}

void otp(std::string_view text)
{
    for (std::size_t digits = 1; digits <= dcc::OtpCode::kMaxDigits; digits += 5) {
        const auto code = dcc::OtpCode::parse(text, digits);
        if (code)
            require(code->size() == digits && isAsciiDigits(*code));
    }
}

void password(std::string_view text)
{
    // The first line as the identifier, the rest as the password, as the reset form has both.
    const std::size_t newline = text.find('\n');
    const std::string_view id = newline == std::string_view::npos ? "" : text.substr(0, newline);
    const std::string_view pass =
        newline == std::string_view::npos ? text : text.substr(newline + 1);
    const dcc::PasswordPolicy policy;
    const auto rules = policy.unmetRules(pass, id);
    for (const dcc::PasswordRule rule : rules)
        require(!dcc::PasswordPolicy::ruleCode(rule).empty());
    if (rules.empty())
        require(dcc::Utf8::decode(pass).has_value());
}

void nationalIdentifier(std::string_view text)
{
    const auto parsed = dcc::NationalIdentifier::parse(text);
    if (!parsed)
        return;
    require(!parsed->value().empty() &&
            parsed->value().size() <= dcc::NationalIdentifier::kMaxLength);
    require(parsed->number().size() + 1 == parsed->value().size());
}

void atr(std::string_view text)
{
    const auto parsed = dcc::Atr::fromHex(text);
    if (!parsed)
        return;
    require(parsed->bytes().size() <= dcc::Atr::kMaxSize);
    // toHex() is one of the forms fromHex() reads, and names the same bytes.
    const auto again = dcc::Atr::fromHex(parsed->toHex());
    require(again.has_value() && again->bytes() == parsed->bytes());
    require(!dcc::Atr::cardTypeCode(parsed->cardType()).empty());
}

void utf8(std::string_view text)
{
    const auto decoded = dcc::Utf8::decode(text);
    if (decoded) {
        for (const char32_t c : *decoded) {
            require(c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF));
            (void)dcc::Utf8::isUpperCase(c);
            (void)dcc::Utf8::isLowerCase(c);
            (void)dcc::Utf8::isSpecial(c);
        }
    }
    const std::string_view trimmed = dcc::Utf8::trim(text);
    require(trimmed.size() <= text.size());
    require(dcc::Utf8::asciiLower(text).size() == text.size());
}

void algorithm(std::string_view text)
{
    const auto parsed = dcc::parseSignatureAlgorithm(text);
    if (parsed)
        require(dcc::signatureAlgorithmName(*parsed) == text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // NOLINTNEXTLINE: libFuzzer hands bytes; the parsers read text.
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    identifier(text);
    email(text);
    otp(text);
    password(text);
    nationalIdentifier(text);
    atr(text);
    utf8(text);
    algorithm(text);
    return 0;
}
