#include "server/auth/CertificateValidator.h"

#include "common/CpsCertificate.h"
#include "server/auth/Clock.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace dcc::server {

namespace {

namespace fs = std::filesystem;

template <auto Free>
struct Deleter
{
    template <typename T>
    void operator()(T* p) const noexcept
    {
        Free(p);
    }
};
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
struct ChainDeleter
{
    void operator()(STACK_OF(X509) * chain) const noexcept { sk_X509_pop_free(chain, X509_free); }
};
using ChainPtr = std::unique_ptr<STACK_OF(X509), ChainDeleter>;

// The files a setting names: the file itself, or the regular files of a folder, sorted.
std::vector<fs::path> filesOf(const std::string& path)
{
    std::error_code error;
    if (fs::is_directory(path, error)) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path, error)) {
            if (entry.is_regular_file(error))
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        return files;
    }
    if (fs::is_regular_file(path, error))
        return {path};
    throw std::runtime_error("cannot read " + path);
}

std::string readFile(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every certificate of a PEM file (several may follow each other), or the one of a DER file.
std::vector<X509Ptr> readCertificates(const fs::path& file)
{
    const std::string data = readFile(file);
    std::vector<X509Ptr> out;
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        out.emplace_back(cert);
    if (out.empty()) {
        const auto* cursor = reinterpret_cast<const unsigned char*>(data.data());
        if (X509* cert = d2i_X509(nullptr, &cursor, static_cast<long>(data.size())))
            out.emplace_back(cert);
    }
    ERR_clear_error();
    return out;
}

// The same for CRLs.
std::vector<CrlPtr> readCrls(const fs::path& file)
{
    const std::string data = readFile(file);
    std::vector<CrlPtr> out;
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr))
        out.emplace_back(crl);
    if (out.empty()) {
        const auto* cursor = reinterpret_cast<const unsigned char*>(data.data());
        if (X509_CRL* crl = d2i_X509_CRL(nullptr, &cursor, static_cast<long>(data.size())))
            out.emplace_back(crl);
    }
    ERR_clear_error();
    return out;
}

// What identifies the current content of the CRL paths: names, sizes and times.
std::string fingerprintOf(const std::vector<std::string>& paths)
{
    std::string fingerprint;
    for (const std::string& path : paths) {
        for (const fs::path& file : filesOf(path)) {
            std::error_code error;
            const auto size = fs::file_size(file, error);
            const auto time = fs::last_write_time(file, error).time_since_epoch().count();
            fingerprint +=
                file.string() + ":" + std::to_string(size) + ":" + std::to_string(time) + "\n";
        }
    }
    return fingerprint;
}

} // namespace

struct CertificateValidator::State
{
    StorePtr store{X509_STORE_new()};
    mutable std::mutex crlMutex;
    mutable std::string crlFingerprint;
    mutable std::shared_ptr<const std::vector<CrlPtr>> crls =
        std::make_shared<std::vector<CrlPtr>>();

    // The CRLs as they are on disk now, re-read only when a file changed.
    std::shared_ptr<const std::vector<CrlPtr>>
    currentCrls(const std::vector<std::string>& paths) const
    {
        const std::string fingerprint = fingerprintOf(paths);
        const std::lock_guard lock(crlMutex);
        if (fingerprint != crlFingerprint) {
            auto fresh = std::make_shared<std::vector<CrlPtr>>();
            for (const std::string& path : paths) {
                for (const fs::path& file : filesOf(path)) {
                    for (CrlPtr& crl : readCrls(file))
                        fresh->push_back(std::move(crl));
                }
            }
            crls = std::move(fresh);
            crlFingerprint = fingerprint;
        }
        return crls;
    }
};

CertificateValidator::CertificateValidator(const CpsSettings& settings, const Clock& clock)
    : m_state(std::make_unique<State>())
    , m_settings(settings)
    , m_clock(clock)
{
    std::size_t anchors = 0;
    for (const fs::path& file : filesOf(settings.trustStore)) {
        for (const X509Ptr& cert : readCertificates(file)) {
            if (X509_STORE_add_cert(m_state->store.get(), cert.get()) == 1)
                ++anchors;
        }
    }
    ERR_clear_error();
    if (anchors == 0)
        throw std::runtime_error("no CA certificate in " + settings.trustStore);
    if (settings.revocation != CpsSettings::Revocation::None) {
        if (settings.crlPaths.empty())
            throw std::runtime_error("no CRL configured while revocation is checked");
        if (m_state->currentCrls(settings.crlPaths)->empty())
            throw std::runtime_error("no CRL in the configured CRL paths");
    }
}

CertificateValidator::~CertificateValidator() = default;

CertificateValidator::Verdict
CertificateValidator::validate(const CpsCertificate& certificate) const
{
    const auto* cursor = certificate.der().data();
    const X509Ptr leaf(d2i_X509(nullptr, &cursor, static_cast<long>(certificate.der().size())));
    if (!leaf)
        return {CertificateRejection::Malformed, "the certificate does not decode", false};
    std::time_t now = static_cast<std::time_t>(m_clock.now()); // X509_cmp_time wants it non-const

    // 1. Chain to the trust store, dates aside (they are judged next, by the server's clock).
    const StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), m_state->store.get(), leaf.get(), nullptr);
    X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_NO_CHECK_TIME);
    if (X509_verify_cert(context.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(context.get());
        ERR_clear_error();
        return {CertificateRejection::Untrusted,
                std::string("no chain to the trust store: ") + X509_verify_cert_error_string(error),
                false};
    }
    const ChainPtr chain(X509_STORE_CTX_get1_chain(context.get()));
    X509* issuer = sk_X509_num(chain.get()) > 1 ? sk_X509_value(chain.get(), 1) : leaf.get();

    // 2. Validity dates of the certificate, then of its issuers.
    const auto nowPoint = CpsCertificate::TimePoint(std::chrono::seconds(now));
    if (nowPoint < certificate.notBefore())
        return {CertificateRejection::NotYetValid, "the certificate is not valid yet", false};
    if (nowPoint > certificate.notAfter())
        return {CertificateRejection::Expired, "the certificate has expired", false};
    for (int i = 1; i < sk_X509_num(chain.get()); ++i) {
        X509* ca = sk_X509_value(chain.get(), i);
        if (X509_cmp_time(X509_get0_notBefore(ca), &now) > 0 ||
            X509_cmp_time(X509_get0_notAfter(ca), &now) < 0)
            return {CertificateRejection::Untrusted, "an issuing CA is outside its validity",
                    false};
    }

    // 3. Usage: an authentication certificate, never the signature one.
    if (!certificate.isAuthenticationCertificate()) {
        return {CertificateRejection::WrongUsage,
                certificate.keyUsage().nonRepudiation
                    ? "a signature (nonRepudiation) certificate cannot log in"
                    : "the certificate is not for digital signature",
                false};
    }

    // 4. Revocation by the issuer's CRL.
    if (m_settings.revocation == CpsSettings::Revocation::None)
        return {};
    std::shared_ptr<const std::vector<CrlPtr>> crls;
    try {
        crls = m_state->currentCrls(m_settings.crlPaths);
    } catch (const std::exception&) {
        crls = std::make_shared<std::vector<CrlPtr>>(); // unreadable now: no current CRL
    }
    EVP_PKEY* issuerKey = X509_get0_pubkey(issuer);
    bool current = false;
    for (const CrlPtr& crl : *crls) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_issuer_name(leaf.get())) != 0 ||
            issuerKey == nullptr || X509_CRL_verify(crl.get(), issuerKey) != 1)
            continue;
        X509_REVOKED* entry = nullptr;
        if (X509_CRL_get0_by_cert(crl.get(), &entry, leaf.get()) == 1) {
            ERR_clear_error();
            return {CertificateRejection::Revoked, "the certificate is on its issuer's CRL", false};
        }
        const ASN1_TIME* next = X509_CRL_get0_nextUpdate(crl.get());
        if (X509_cmp_time(X509_CRL_get0_lastUpdate(crl.get()), &now) <= 0 && next != nullptr &&
            X509_cmp_time(next, &now) >= 0)
            current = true;
    }
    ERR_clear_error();
    if (current)
        return {};
    if (m_settings.revocation == CpsSettings::Revocation::SoftFail)
        return {std::nullopt, "no current CRL for the issuer (soft-fail)", true};
    return {CertificateRejection::RevocationUnavailable,
            "no current CRL for the issuer: revocation cannot be checked", false};
}

} // namespace dcc::server
