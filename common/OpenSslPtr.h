#pragma once

// Owning pointers for the OpenSSL objects common/ uses. Included by .cpp files only:
// no public header of common/ exposes OpenSSL types.

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace dcc::ossl {

template <auto Free>
struct Deleter
{
    template <typename T>
    void operator()(T* p) const noexcept
    {
        Free(p);
    }
};

using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PKeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

} // namespace dcc::ossl
