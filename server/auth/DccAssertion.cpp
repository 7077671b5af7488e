#include "server/auth/DccAssertion.h"

#include "server/auth/Clock.h"
#include "server/auth/SecretToken.h"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JSON/Array.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/URI.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace dcc::server {

namespace {

std::string base64Url(const std::vector<unsigned char>& bytes)
{
    static constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        // Widened before shifting: a promoted int shift is what -fsanitize builds warn on.
        const unsigned v = static_cast<unsigned>(bytes[i]) << 16u |
                           static_cast<unsigned>(bytes[i + 1]) << 8u | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6)
            out.push_back(kAlphabet[(v >> shift) & 0x3Fu]);
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned>(bytes[i]) << 16u;
        if (rest == 2)
            v |= static_cast<unsigned>(bytes[i + 1]) << 8u;
        out.push_back(kAlphabet[(v >> 18) & 0x3Fu]);
        out.push_back(kAlphabet[(v >> 12) & 0x3Fu]);
        if (rest == 2)
            out.push_back(kAlphabet[(v >> 6) & 0x3Fu]);
    }
    return out;
}

// A big number as JWK wants it: big-endian, minimal, or left-padded to `width` bytes.
std::string bignumParameter(EVP_PKEY* key, const char* name, int width = 0)
{
    BIGNUM* number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1)
        throw std::runtime_error(std::string("cannot read the key parameter ") + name);
    const int size = std::max(width, BN_num_bytes(number));
    std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
    BN_bn2binpad(number, bytes.data(), size);
    BN_free(number);
    return base64Url(bytes);
}

std::string sha256Base64Url(const std::string& text)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return base64Url(std::vector<unsigned char>(digest.begin(), digest.begin() + length));
}

} // namespace

struct DccAssertion::Keys
{
    std::unique_ptr<Poco::JWT::Signer> signer;
};

DccAssertion::DccAssertion(const DccSettings& settings, std::string issuer, const Clock& clock)
    : m_keys(std::make_unique<Keys>())
    , m_settings(settings)
    , m_issuer(std::move(issuer))
    , m_clock(clock)
{
    FILE* file = std::fopen(settings.signingKeyFile.c_str(), "r");
    if (file == nullptr)
        throw std::runtime_error("cannot read " + settings.signingKeyFile);
    EVP_PKEY* key = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    if (key == nullptr)
        throw std::runtime_error(settings.signingKeyFile + " holds no PEM private key");
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> guard(key, EVP_PKEY_free);

    // The JWK members of RFC 7517, in the lexical order RFC 7638 hashes them in.
    std::string thumbprintInput;
    Poco::JSON::Object jwk;
    if (EVP_PKEY_is_a(key, "RSA") == 1) {
        if (EVP_PKEY_get_bits(key) < 2048)
            throw std::runtime_error(settings.signingKeyFile + ": RSA keys need 2048 bits or more");
        m_algorithm = Poco::JWT::Signer::ALGO_RS256;
        const std::string e = bignumParameter(key, OSSL_PKEY_PARAM_RSA_E);
        const std::string n = bignumParameter(key, OSSL_PKEY_PARAM_RSA_N);
        thumbprintInput = R"({"e":")" + e + R"(","kty":"RSA","n":")" + n + R"("})";
        jwk.set("kty", std::string("RSA"));
        jwk.set("n", n);
        jwk.set("e", e);
        m_keys->signer = std::make_unique<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::RSAKey>(
            new Poco::Crypto::RSAKey("", settings.signingKeyFile)));
    } else if (EVP_PKEY_is_a(key, "EC") == 1) {
        std::array<char, 64> curve{};
        std::size_t length = 0;
        EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve.data(), curve.size(),
                                       &length);
        if (std::string_view(curve.data(), length) != "prime256v1")
            throw std::runtime_error(settings.signingKeyFile + ": EC keys must be on P-256");
        m_algorithm = Poco::JWT::Signer::ALGO_ES256;
        const std::string x = bignumParameter(key, OSSL_PKEY_PARAM_EC_PUB_X, 32);
        const std::string y = bignumParameter(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
        thumbprintInput = R"({"crv":"P-256","kty":"EC","x":")" + x + R"(","y":")" + y + R"("})";
        jwk.set("kty", std::string("EC"));
        jwk.set("crv", std::string("P-256"));
        jwk.set("x", x);
        jwk.set("y", y);
        m_keys->signer = std::make_unique<Poco::JWT::Signer>(Poco::SharedPtr<Poco::Crypto::ECKey>(
            new Poco::Crypto::ECKey("", settings.signingKeyFile)));
    } else {
        throw std::runtime_error(settings.signingKeyFile + ": the key must be RSA or EC P-256");
    }
    m_keyId = settings.keyId.empty() ? sha256Base64Url(thumbprintInput) : settings.keyId;
    jwk.set("use", std::string("sig"));
    jwk.set("alg", m_algorithm);
    jwk.set("kid", m_keyId);
    Poco::JSON::Array keys;
    keys.add(jwk);
    Poco::JSON::Object document;
    document.set("keys", keys);
    std::ostringstream out;
    document.stringify(out);
    m_jwks = out.str();
}

DccAssertion::~DccAssertion() = default;

std::string DccAssertion::issue(const Account& account, const std::string& method) const
{
    const std::int64_t now = m_clock.now();
    Poco::JWT::Token token;
    token.setType("JWT");
    token.header().set("kid", m_keyId);
    token.setIssuer(m_issuer);
    token.setAudience(m_settings.audience);
    token.setSubject(account.identifier);
    token.setIssuedAt(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(now)));
    token.setExpiration(
        Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(now + m_settings.lifetime)));
    token.setId(SecretToken::generate(16));
    token.payload().set("name", account.displayName);
    Poco::JSON::Array amr;
    amr.add(std::string("pwd"));
    amr.add(std::string(method == "cps" ? "sc" : "otp"));
    token.payload().set("amr", amr);
    if (method == "cps" && account.nationalId)
        token.payload().set("national_id", *account.nationalId);
    return m_keys->signer->sign(token, m_algorithm);
}

std::string DccAssertion::redirectUrl(const std::string& assertion) const
{
    Poco::URI uri(m_settings.url);
    uri.addQueryParameter("assertion", assertion);
    return uri.toString();
}

} // namespace dcc::server
