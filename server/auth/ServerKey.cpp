#include "server/auth/ServerKey.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace dcc::server {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";

std::string toHex(const unsigned char* data, std::size_t size)
{
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex.push_back(kHex[data[i] >> 4]);
        hex.push_back(kHex[data[i] & 0x0F]);
    }
    return hex;
}

} // namespace

ServerKey ServerKey::loadOrCreate(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in) {
        std::array<unsigned char, kBytes> key{};
        if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
            throw std::runtime_error("the system random generator failed");
        // O_EXCL: if another instance created the file meanwhile, read theirs instead.
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
        if (fd >= 0) {
            const std::string text = toHex(key.data(), key.size()) + "\n";
            const bool written =
                ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                ::fsync(fd) == 0;
            ::close(fd);
            if (!written)
                throw std::runtime_error("cannot write the server key file " + file.string());
            return ServerKey(std::vector<unsigned char>(key.begin(), key.end()));
        }
        if (errno != EEXIST)
            throw std::runtime_error("cannot create the server key file " + file.string());
        in.open(file);
        if (!in)
            throw std::runtime_error("cannot read the server key file " + file.string());
    }
    std::string text;
    std::getline(in, text);
    if (text.size() != kBytes * 2 || text.find_first_not_of(kHex) != std::string::npos)
        throw std::runtime_error("the server key file " + file.string() +
                                 " must hold 64 lower-case hexadecimal characters");
    std::vector<unsigned char> key(kBytes);
    for (std::size_t i = 0; i < kBytes; ++i) {
        const auto high = static_cast<unsigned char>(kHex.find(text[2 * i]));
        const auto low = static_cast<unsigned char>(kHex.find(text[2 * i + 1]));
        key[i] = static_cast<unsigned char>((high << 4) | low);
    }
    return ServerKey(std::move(key));
}

std::string ServerKey::hmac(std::string_view data) const
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    std::size_t length = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, m_key.data(), m_key.size(),
                  reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(),
                  mac.size(), &length) == nullptr)
        throw std::runtime_error("HMAC-SHA256 failed");
    return toHex(mac.data(), length);
}

} // namespace dcc::server
