// dcc-virtual-cac: a virtual CAC smart card for the tests, served to pcscd's vpcd reader.
//
// libcacard emulates a CAC card whose certificates and keys live in a PKCS#11 token (here
// SoftHSM, reached through an NSS database that lists it as a module). This program connects
// to vpcd's TCP port like vicc does and relays vpcd's requests to libcacard. While it runs,
// the card is in the reader; when it exits (SIGTERM, or --drop-on-ins), the connection
// closes and pcscd sees the card removed. OpenSC's "cac" driver then reads the card, so one
// test can walk the real chain PC/SC → OpenSC → key.
//
// vpcd protocol: every message is a 2-byte big-endian length followed by that many bytes.
// vpcd sends a 1-byte control (0 power off, 1 power on, 2 reset, 4 get ATR) or an APDU;
// the card answers the ATR request and every APDU with a message of its own, nothing else.
//
// Usage: dcc-virtual-cac --db DIR --reader NAME [--port N] [--drop-on-ins HH]
//   --db           NSS database directory (sql: format) holding the PKCS#11 module
//   --reader       the NSS slot name of the token to present (libcacard names its virtual
//                  reader after the slot), e.g. "SoftHSM slot ID 0x3e0a17c5"
//   --port         vpcd's port (default 35964, the reader "Virtual PCD 00 01")
//   --drop-on-ins  leave without answering the first APDU with this INS byte (hex): the
//                  card is pulled out in the middle of that command
// Prints "ready" on stdout once connected. Exits 0 when vpcd closes the connection.

#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <libcacard.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::uint8_t kPowerOff = 0;
constexpr std::uint8_t kPowerOn = 1;
constexpr std::uint8_t kReset = 2;
constexpr std::uint8_t kGetAtr = 4;

// Extended APDUs are at most 65536 + 2 bytes of response; vpcd's length field is 16 bits.
constexpr std::size_t kMaxMessage = 0xFFFF;

struct Options
{
    std::string db;
    std::string reader;
    std::uint16_t port = 35964;
    std::optional<std::uint8_t> dropOnIns;
};

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "dcc-virtual-cac: %s\n", message.c_str());
    std::exit(1);
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: dcc-virtual-cac --db DIR --reader NAME [--port N] "
                         "[--drop-on-ins HH]\n");
    std::exit(2);
}

Options parseOptions(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            usage();
        const std::string value = argv[++i];
        if (arg == "--db") {
            options.db = value;
        } else if (arg == "--reader") {
            options.reader = value;
        } else if (arg == "--port") {
            const long port = std::strtol(value.c_str(), nullptr, 10);
            if (port <= 0 || port > 65535)
                usage();
            options.port = static_cast<std::uint16_t>(port);
        } else if (arg == "--drop-on-ins") {
            const long ins = std::strtol(value.c_str(), nullptr, 16);
            if (ins < 0 || ins > 0xFF)
                usage();
            options.dropOnIns = static_cast<std::uint8_t>(ins);
        } else {
            usage();
        }
    }
    if (options.db.empty() || options.reader.empty())
        usage();
    return options;
}

// libcacard trims nothing: NSS slot names may carry the blank padding of PKCS#11.
std::string trimmed(std::string text)
{
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

VReader* findReader(const std::string& wanted)
{
    VReaderList* list = vreader_get_reader_list();
    VReader* found = nullptr;
    std::string names;
    for (VReaderListEntry* entry = vreader_list_get_first(list); entry != nullptr;
         entry = vreader_list_get_next(entry)) {
        VReader* reader = vreader_list_get_reader(entry);
        const std::string name = trimmed(vreader_get_name(reader));
        names += " '" + name + "'";
        if (found == nullptr && name == trimmed(wanted))
            found = reader; // keeps the reference vreader_list_get_reader gave
        else
            vreader_free(reader);
    }
    vreader_list_delete(list);
    if (found == nullptr)
        fail("no virtual reader named '" + wanted + "'; libcacard has:" + names);
    if (vreader_card_is_present(found) != VREADER_OK)
        fail("the token of '" + wanted + "' is not present (is slots.removable = true set?)");
    return found;
}

bool readExactly(int fd, std::uint8_t* buffer, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buffer + done, size - done);
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool writeAll(int fd, const std::uint8_t* data, std::size_t size)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// vpcd's framing: the 2-byte big-endian length, then the bytes (two writes, sent at once:
// the socket has TCP_NODELAY).
bool writeMessage(int fd, const std::uint8_t* data, std::size_t size)
{
    const std::array<std::uint8_t, 2> header{static_cast<std::uint8_t>(size >> 8),
                                             static_cast<std::uint8_t>(size & 0xFF)};
    return writeAll(fd, header.data(), header.size()) && writeAll(fd, data, size);
}

int connectToVpcd(std::uint16_t port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        fail("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
        fail("cannot connect to vpcd on 127.0.0.1:" + std::to_string(port) +
             " (is pcscd running with the vpcd reader?)");
    // Every answer goes out as two small writes: without this, Nagle's algorithm holds the
    // second one until vpcd acknowledges the first.
    const int noDelay = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    return fd;
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parseOptions(argc, argv);

    // use_hw=removable: every removable PKCS#11 slot of the NSS database becomes a virtual
    // reader with a CAC card mirroring its certificates (hence slots.removable in SoftHSM).
    const std::string args = "db=\"sql:" + options.db + "\" use_hw=removable";
    VCardEmulOptions* emulOptions = vcard_emul_options(args.c_str());
    if (emulOptions == nullptr)
        fail("libcacard refused the options " + args);
    if (vcard_emul_init(emulOptions) != VCARD_EMUL_OK)
        fail("libcacard could not open the NSS database " + options.db);

    VReader* reader = findReader(options.reader);

    // The ATR does not depend on the card's state; asking libcacard once keeps the answers
    // to vpcd's frequent presence checks free of side effects.
    std::array<std::uint8_t, 40> atr{};
    int atrLength = static_cast<int>(atr.size());
    vcard_emul_get_atr(nullptr, atr.data(), &atrLength);

    const int fd = connectToVpcd(options.port);
    std::printf("ready\n");
    std::fflush(stdout);

    std::vector<std::uint8_t> request(kMaxMessage);
    std::vector<std::uint8_t> response(kMaxMessage);
    for (;;) {
        std::array<std::uint8_t, 2> header{};
        if (!readExactly(fd, header.data(), header.size()))
            break; // vpcd went away (pcscd stopped)
        const std::size_t length = static_cast<std::size_t>(header[0]) << 8 | header[1];
        if (length == 0 || !readExactly(fd, request.data(), length))
            break;

        if (length == 1) {
            switch (request[0]) {
            case kPowerOff:
                vreader_power_off(reader);
                break;
            case kPowerOn:
                vreader_power_on(reader, nullptr, nullptr);
                break;
            case kReset:
                vreader_power_off(reader);
                vreader_power_on(reader, nullptr, nullptr);
                break;
            case kGetAtr:
                if (!writeMessage(fd, atr.data(), static_cast<std::size_t>(atrLength)))
                    return 1;
                break;
            default:
                std::fprintf(stderr, "dcc-virtual-cac: unknown control byte %u\n", request[0]);
                break;
            }
            continue;
        }

        if (options.dropOnIns && length >= 4 && request[1] == *options.dropOnIns) {
            // Pulled out mid-command: vpcd gets no answer, then a closed connection.
            std::fprintf(stderr, "dcc-virtual-cac: card removed on INS %02X\n", request[1]);
            ::close(fd);
            return 0;
        }

        int responseLength = static_cast<int>(response.size());
        if (vreader_xfr_bytes(reader, request.data(), static_cast<int>(length), response.data(),
                              &responseLength) != VREADER_OK) {
            // A card that cannot answer says so with SW 6F00 rather than silence.
            response[0] = 0x6F;
            response[1] = 0x00;
            responseLength = 2;
        }
        if (!writeMessage(fd, response.data(), static_cast<std::size_t>(responseLength)))
            return 1;
    }
    ::close(fd);
    vreader_free(reader);
    return 0;
}
