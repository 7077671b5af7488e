#include "common/ChallengeSignature.h"

#include "common/CpsChallenge.h"
#include "common/OpenSslPtr.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>

namespace dcc {

namespace {

constexpr std::size_t kEs256SignatureSize = 64;

ossl::PKey decodePublicKey(ByteView der)
{
    const unsigned char* cursor = der.data();
    ossl::PKey key(d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size())));
    // Trailing bytes after the structure mean this is not the key we were given.
    if (key && cursor != der.data() + der.size())
        key.reset();
    return key;
}

bool isP256(EVP_PKEY* key)
{
    std::array<char, 64> curve{};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve.data(), curve.size(),
                                       &length) != 1)
        return false;
    return std::string_view(curve.data(), length) == SN_X9_62_prime256v1;
}

// JWS r || s → the DER ECDSA-Sig-Value OpenSSL verifies.
Bytes rawEcdsaToDer(ByteView raw)
{
    constexpr std::size_t half = kEs256SignatureSize / 2;
    ossl::EcdsaSig sig(ECDSA_SIG_new());
    ossl::Bignum r(BN_bin2bn(raw.data(), half, nullptr));
    ossl::Bignum s(BN_bin2bn(raw.data() + half, half, nullptr));
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return {};
    r.release(); // now owned by sig
    s.release();
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (length <= 0)
        return {};
    Bytes der(static_cast<std::size_t>(length));
    unsigned char* out = der.data();
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

// A DER ECDSA-Sig-Value, accepted only in its one canonical encoding (no trailing bytes,
// no alternative length forms), so that one signature has exactly one accepted form.
Bytes canonicalDer(ByteView der)
{
    const unsigned char* cursor = der.data();
    ossl::EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!sig || cursor != der.data() + der.size())
        return {};
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (length <= 0 || static_cast<std::size_t>(length) != der.size())
        return {};
    Bytes encoded(der.size());
    unsigned char* out = encoded.data();
    i2d_ECDSA_SIG(sig.get(), &out);
    return std::equal(encoded.begin(), encoded.end(), der.begin()) ? encoded : Bytes{};
}

SignatureCheck keyFits(EVP_PKEY* key, SignatureAlgorithm algorithm)
{
    const bool rsa = EVP_PKEY_is_a(key, "RSA") == 1;
    const bool ec = EVP_PKEY_is_a(key, "EC") == 1;
    switch (algorithm) {
    case SignatureAlgorithm::RS256:
    case SignatureAlgorithm::PS256:
        if (!rsa)
            return SignatureCheck::KeyMismatch;
        return EVP_PKEY_get_bits(key) >= ChallengeSignature::kMinRsaBits ? SignatureCheck::Valid
                                                                         : SignatureCheck::WeakKey;
    case SignatureAlgorithm::ES256:
        if (!ec)
            return SignatureCheck::KeyMismatch;
        return isP256(key) ? SignatureCheck::Valid : SignatureCheck::WeakKey;
    }
    return SignatureCheck::KeyMismatch;
}

} // namespace

SignatureCheck ChallengeSignature::verify(ByteView subjectPublicKeyInfo,
                                          SignatureAlgorithm algorithm, std::string_view origin,
                                          std::string_view nonce, ByteView signature)
{
    const ossl::PKey key = decodePublicKey(subjectPublicKeyInfo);
    if (!key) {
        ERR_clear_error();
        return SignatureCheck::MalformedKey;
    }
    if (const SignatureCheck fit = keyFits(key.get(), algorithm); fit != SignatureCheck::Valid)
        return fit;

    Bytes derSignature;
    if (algorithm == SignatureAlgorithm::ES256) {
        derSignature = signature.size() == kEs256SignatureSize ? rawEcdsaToDer(signature)
                                                               : canonicalDer(signature);
        if (derSignature.empty())
            return SignatureCheck::Invalid;
        signature = derSignature;
    }

    const Bytes data = CpsChallenge::signedData(origin, nonce);
    ossl::MdCtx context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* keyContext = nullptr; // owned by context
    bool ready = context && EVP_DigestVerifyInit(context.get(), &keyContext, EVP_sha256(), nullptr,
                                                 key.get()) == 1;
    if (ready && algorithm == SignatureAlgorithm::PS256) {
        // JWA (RFC 7518, 3.5): MGF1 with SHA-256 and a salt as long as the hash.
        ready = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 &&
                EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1 &&
                EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) == 1;
    } else if (ready && algorithm == SignatureAlgorithm::RS256) {
        ready = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1;
    }
    const bool valid = ready && EVP_DigestVerify(context.get(), signature.data(), signature.size(),
                                                 data.data(), data.size()) == 1;
    ERR_clear_error(); // a failed verification leaves errors that are not ours to report
    return valid ? SignatureCheck::Valid : SignatureCheck::Invalid;
}

std::string_view ChallengeSignature::checkCode(SignatureCheck check)
{
    switch (check) {
    case SignatureCheck::Valid:
        return "valid";
    case SignatureCheck::Invalid:
        return "invalid";
    case SignatureCheck::KeyMismatch:
        return "key_mismatch";
    case SignatureCheck::WeakKey:
        return "weak_key";
    case SignatureCheck::MalformedKey:
        return "malformed_key";
    }
    return "unknown";
}

} // namespace dcc
