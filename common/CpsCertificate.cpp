#include "common/CpsCertificate.h"

#include "common/OpenSslPtr.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <ctime>

namespace dcc {

namespace {

// The first value of an attribute of a name, as UTF-8; empty when absent.
std::string nameEntry(const X509_NAME* name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return out;
}

std::string nameToString(const X509_NAME* name)
{
    ossl::Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

std::string serialToHex(const ASN1_INTEGER* serial)
{
    ossl::Bignum number(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!number)
        return {};
    char* hex = BN_bn2hex(number.get());
    std::string out = hex != nullptr ? hex : "";
    OPENSSL_free(hex);
    return out;
}

CpsCertificate::TimePoint toTimePoint(const ASN1_TIME* time)
{
    std::tm parts{};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    using namespace std::chrono;
    const year_month_day day{year{parts.tm_year + 1900},
                             month{static_cast<unsigned>(parts.tm_mon + 1)},
                             std::chrono::day{static_cast<unsigned>(parts.tm_mday)}};
    return sys_days{day} + hours{parts.tm_hour} + minutes{parts.tm_min} + seconds{parts.tm_sec};
}

ossl::X509Ptr decode(ByteView bytes)
{
    const unsigned char* cursor = bytes.data();
    ossl::X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(bytes.size())));
    if (cert && cursor == bytes.data() + bytes.size())
        return cert;
    ossl::Bio bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
    if (!bio)
        return nullptr;
    return ossl::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

template <typename Encoder, typename Object>
Bytes encode(Encoder encoder, Object* object)
{
    const int length = encoder(object, nullptr);
    if (length <= 0)
        return {};
    Bytes out(static_cast<std::size_t>(length));
    unsigned char* cursor = out.data();
    encoder(object, &cursor);
    return out;
}

} // namespace

Expected<CpsCertificate, CertificateProblem> CpsCertificate::parse(ByteView derOrPem)
{
    if (derOrPem.empty())
        return Unexpected{CertificateProblem::Empty};
    if (derOrPem.size() > static_cast<std::size_t>(INT32_MAX))
        return Unexpected{CertificateProblem::NotDecodable};
    const ossl::X509Ptr cert = decode(derOrPem);
    ERR_clear_error(); // a failed DER attempt before PEM leaves errors we handled
    if (!cert)
        return Unexpected{CertificateProblem::NotDecodable};

    CpsCertificate out;
    out.m_der = encode(i2d_X509, cert.get());
    out.m_publicKeyInfo = encode(i2d_X509_PUBKEY, X509_get_X509_PUBKEY(cert.get()));
    if (out.m_der.empty() || out.m_publicKeyInfo.empty())
        return Unexpected{CertificateProblem::NotDecodable};

    if (EVP_PKEY* key = X509_get0_pubkey(cert.get())) {
        out.m_keyBits = EVP_PKEY_get_bits(key);
        if (EVP_PKEY_is_a(key, "RSA") == 1)
            out.m_keyType = PublicKeyType::Rsa;
        else if (EVP_PKEY_is_a(key, "EC") == 1)
            out.m_keyType = PublicKeyType::Ec;
    }

    const X509_NAME* subject = X509_get_subject_name(cert.get());
    out.m_commonName = nameEntry(subject, NID_commonName);
    out.m_nationalIdentifier = NationalIdentifier::parse(out.m_commonName);
    out.m_givenName = nameEntry(subject, NID_givenName);
    out.m_surname = nameEntry(subject, NID_surname);
    out.m_profession = nameEntry(subject, NID_title);
    out.m_organisation = nameEntry(subject, NID_organizationName);
    out.m_organisationalUnit = nameEntry(subject, NID_organizationalUnitName);
    out.m_subject = nameToString(subject);
    out.m_issuer = nameToString(X509_get_issuer_name(cert.get()));
    out.m_serialNumber = serialToHex(X509_get0_serialNumber(cert.get()));
    out.m_notBefore = toTimePoint(X509_get0_notBefore(cert.get()));
    out.m_notAfter = toTimePoint(X509_get0_notAfter(cert.get()));

    // X509_get_extension_flags also caches the decoded extensions for the calls below.
    const uint32_t flags = X509_get_extension_flags(cert.get());
    if ((flags & EXFLAG_INVALID) != 0)
        return Unexpected{CertificateProblem::NotDecodable};
    out.m_isCa = (flags & EXFLAG_CA) != 0;
    out.m_keyUsage.declared = (flags & EXFLAG_KUSAGE) != 0;
    if (out.m_keyUsage.declared) {
        const uint32_t usage = X509_get_key_usage(cert.get());
        out.m_keyUsage.digitalSignature = (usage & KU_DIGITAL_SIGNATURE) != 0;
        out.m_keyUsage.nonRepudiation = (usage & KU_NON_REPUDIATION) != 0;
        out.m_keyUsage.keyEncipherment = (usage & KU_KEY_ENCIPHERMENT) != 0;
        out.m_keyUsage.keyCertSign = (usage & KU_KEY_CERT_SIGN) != 0;
    }
    return out;
}

std::string_view CpsCertificate::problemCode(CertificateProblem problem)
{
    switch (problem) {
    case CertificateProblem::Empty:
        return "empty";
    case CertificateProblem::NotDecodable:
        return "not_decodable";
    }
    return "unknown";
}

} // namespace dcc
