#include "common/SignatureAlgorithm.h"

namespace dcc {

std::optional<SignatureAlgorithm> parseSignatureAlgorithm(std::string_view name)
{
    // Case matters in JWA names; "rs256" is not an algorithm.
    if (name == "RS256")
        return SignatureAlgorithm::RS256;
    if (name == "PS256")
        return SignatureAlgorithm::PS256;
    if (name == "ES256")
        return SignatureAlgorithm::ES256;
    return std::nullopt;
}

std::string_view signatureAlgorithmName(SignatureAlgorithm algorithm)
{
    switch (algorithm) {
    case SignatureAlgorithm::RS256:
        return "RS256";
    case SignatureAlgorithm::PS256:
        return "PS256";
    case SignatureAlgorithm::ES256:
        return "ES256";
    }
    return "unknown";
}

} // namespace dcc
