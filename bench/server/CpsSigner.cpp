#include "bench/server/CpsSigner.h"

#include "common/CpsChallenge.h"

#include <Poco/Base64Encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace dcc::bench {

namespace {

std::string base64(const unsigned char* data, std::size_t size)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    encoder.close();
    return out.str();
}

std::FILE* openOrThrow(const std::filesystem::path& path)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        throw std::runtime_error("cannot read " + path.string());
    return file;
}

} // namespace

struct CpsSigner::Key
{
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

CpsSigner::CpsSigner(const std::filesystem::path& certificatePem,
                     const std::filesystem::path& keyPem)
    : m_key(std::make_unique<Key>())
{
    std::FILE* certFile = openOrThrow(certificatePem);
    X509* certificate = PEM_read_X509(certFile, nullptr, nullptr, nullptr);
    std::fclose(certFile);
    if (!certificate)
        throw std::runtime_error("not a PEM certificate: " + certificatePem.string());
    unsigned char* der = nullptr;
    const int derSize = i2d_X509(certificate, &der);
    X509_free(certificate);
    if (derSize <= 0)
        throw std::runtime_error("cannot encode " + certificatePem.string());
    m_certificate = base64(der, static_cast<std::size_t>(derSize));
    OPENSSL_free(der);

    std::FILE* keyFile = openOrThrow(keyPem);
    m_key->pkey = PEM_read_PrivateKey(keyFile, nullptr, nullptr, nullptr);
    std::fclose(keyFile);
    if (!m_key->pkey || EVP_PKEY_get_base_id(m_key->pkey) != EVP_PKEY_RSA)
        throw std::runtime_error("not an RSA PEM private key: " + keyPem.string());
}

CpsSigner::~CpsSigner() = default;

std::string CpsSigner::sign(std::string_view origin, std::string_view nonce) const
{
    const Bytes digestInfo = CpsChallenge::digestInfo(CpsChallenge::digest(origin, nonce));
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new(m_key->pkey, nullptr);
    std::vector<unsigned char> signature(static_cast<std::size_t>(EVP_PKEY_get_size(m_key->pkey)));
    std::size_t length = signature.size();
    const bool signed_ = context && EVP_PKEY_sign_init(context) == 1 &&
                         EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 &&
                         EVP_PKEY_sign(context, signature.data(), &length, digestInfo.data(),
                                       digestInfo.size()) == 1;
    EVP_PKEY_CTX_free(context);
    if (!signed_)
        throw std::runtime_error("RSA signature failed");
    return base64(signature.data(), length);
}

} // namespace dcc::bench
