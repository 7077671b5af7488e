#include "server/auth/PasswordHasher.h"

#include "server/auth/ConcurrencyGate.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <malloc.h>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace dcc::server {

namespace {

std::string parameterSection(const PasswordHasher::Parameters& p)
{
    return "$m=" + std::to_string(p.memoryKiB) + ",t=" + std::to_string(p.iterations) +
           ",p=" + std::to_string(p.parallelism) + "$";
}

// libargon2 mallocs its whole working memory (19 MiB) for each hash. glibc raises its mmap
// threshold after the first such block is freed, so later blocks come from the heap of
// whichever of its per-thread arenas the HTTP thread uses, and stay there: with many
// threads the server kept hundreds of MiB it no longer used (docs/BENCHMARKS.md, server
// (c)). A fixed threshold keeps every block this large on mmap, given back when freed.
void keepLargeBlocksOnMmap()
{
    static std::once_flag once;
    std::call_once(once, [] { mallopt(M_MMAP_THRESHOLD, 1024 * 1024); });
}

} // namespace

PasswordHasher::PasswordHasher(Parameters parameters)
    : m_parameters(parameters)
    , m_gate(std::make_shared<ConcurrencyGate>(parameters.maxConcurrent))
{
    keepLargeBlocksOnMmap();
    if (m_parameters.memoryKiB < 8 * m_parameters.parallelism || m_parameters.iterations < 1 ||
        m_parameters.parallelism < 1)
        throw std::invalid_argument("Argon2id parameters out of range");
    std::array<unsigned char, 32> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    m_decoy = hash(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
}

std::string PasswordHasher::hash(std::string_view password) const
{
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("the system random generator failed");
    const std::size_t length =
        argon2_encodedlen(m_parameters.iterations, m_parameters.memoryKiB, m_parameters.parallelism,
                          kSaltBytes, kHashBytes, Argon2_id);
    std::vector<char> encoded(length);
    const ConcurrencyGate::Pass pass(*m_gate);
    const int rc = argon2id_hash_encoded(
        m_parameters.iterations, m_parameters.memoryKiB, m_parameters.parallelism, password.data(),
        password.size(), salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("Argon2id hashing failed: ") +
                                 argon2_error_message(rc));
    return std::string(encoded.data());
}

bool PasswordHasher::verify(std::string_view password, const std::string& phc) const
{
    if (!phc.starts_with("$argon2id$"))
        return false;
    const ConcurrencyGate::Pass pass(*m_gate);
    return argon2id_verify(phc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool PasswordHasher::needsRehash(const std::string& phc) const
{
    return !phc.starts_with("$argon2id$v=19" + parameterSection(m_parameters));
}

} // namespace dcc::server
