#include "client/card/HolderFromCertificate.h"

#include "common/CpsCertificate.h"

namespace dcc::card {

namespace {

QString fromUtf8(const std::string& text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

CardHolder holderFromCertificate(const dcc::CpsCertificate& certificate)
{
    CardHolder holder;
    if (certificate.nationalIdentifier())
        holder.nationalIdentifier = fromUtf8(certificate.nationalIdentifier()->value());
    holder.commonName = fromUtf8(certificate.commonName());
    holder.givenName = fromUtf8(certificate.givenName());
    holder.surname = fromUtf8(certificate.surname());
    holder.profession = fromUtf8(certificate.profession());
    holder.organisation = fromUtf8(certificate.organisation());
    holder.organisationalUnit = fromUtf8(certificate.organisationalUnit());
    return holder;
}

} // namespace dcc::card
