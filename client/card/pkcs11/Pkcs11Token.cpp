#include "client/card/pkcs11/Pkcs11Token.h"

#include "client/card/HolderFromCertificate.h"
#include "client/card/pkcs11/EcdsaSignature.h"
#include "client/card/pkcs11/KeySelection.h"
#include "client/card/pkcs11/Pkcs11Module.h"
#include "client/card/pkcs11/Pkcs11Private.h"
#include "common/CpsCertificate.h"

#include <cstring>
#include <optional>
#include <vector>

namespace dcc::card {

using pkcs11::RemovalProbe;

namespace {

// Large enough for RSA-8192 and any EC signature: one C_Sign call, no size query, since some
// card modules end the operation (or ask for the PIN again) on a size query.
constexpr CK_ULONG kSignatureBufferSize = 1024;
constexpr qsizetype kP256ComponentSize = 32;

CardError error(CardError::Code code, const char* operation, const QString& detail = {})
{
    return CardError(code, QString::fromLatin1(operation)).setDetail(detail);
}

/// An open session, closed on every path out of its scope.
class Session
{
public:
    Session(CK_FUNCTION_LIST* functions, CK_SLOT_ID slot, const RemovalProbe& removed)
        : m_functions(functions)
    {
        P11_CALL(removed, m_functions, C_OpenSession, slot, CKF_SERIAL_SESSION, nullptr, nullptr,
                 &m_handle);
    }
    ~Session() { m_functions->C_CloseSession(m_handle); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    [[nodiscard]] CK_SESSION_HANDLE handle() const noexcept { return m_handle; }

private:
    CK_FUNCTION_LIST* m_functions;
    CK_SESSION_HANDLE m_handle = CK_INVALID_HANDLE;
};

/// Logs out when it goes out of scope, if this code logged in.
class LoginGuard
{
public:
    LoginGuard(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session)
        : m_functions(functions)
        , m_session(session)
    {}
    ~LoginGuard()
    {
        if (m_loggedIn)
            m_functions->C_Logout(m_session);
    }
    LoginGuard(const LoginGuard&) = delete;
    LoginGuard& operator=(const LoginGuard&) = delete;

    void setLoggedIn() noexcept { m_loggedIn = true; }

private:
    CK_FUNCTION_LIST* m_functions;
    CK_SESSION_HANDLE m_session;
    bool m_loggedIn = false;
};

/// Overwrites the PIN when it goes out of scope.
class PinWiper
{
public:
    explicit PinWiper(QByteArray& pin)
        : m_pin(pin)
    {}
    ~PinWiper()
    {
        m_pin.fill('\0');
        m_pin.clear();
    }
    PinWiper(const PinWiper&) = delete;
    PinWiper& operator=(const PinWiper&) = delete;

private:
    QByteArray& m_pin;
};

QList<CK_OBJECT_HANDLE> findObjects(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session,
                                    std::vector<CK_ATTRIBUTE> search, const RemovalProbe& removed)
{
    P11_CALL(removed, functions, C_FindObjectsInit, session, search.data(),
             static_cast<CK_ULONG>(search.size()));
    // C_FindObjectsFinal on every path, or the session stays in search mode.
    struct Final
    {
        CK_FUNCTION_LIST* functions;
        CK_SESSION_HANDLE session;
        ~Final() { functions->C_FindObjectsFinal(session); }
    } finisher{functions, session};

    QList<CK_OBJECT_HANDLE> objects;
    for (;;) {
        CK_OBJECT_HANDLE batch[16];
        CK_ULONG count = 0;
        P11_CALL(removed, functions, C_FindObjects, session, batch, CK_ULONG{16}, &count);
        for (CK_ULONG i = 0; i < count; ++i)
            objects << batch[i];
        if (count < 16)
            return objects;
    }
}

/// The attribute's value, or nothing when the object does not have it (or keeps it secret).
std::optional<QByteArray> attribute(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                                    const RemovalProbe& removed)
{
    CK_ATTRIBUTE query{type, nullptr, 0};
    const CK_RV sizeResult = functions->C_GetAttributeValue(session, object, &query, 1);
    if (sizeResult == CKR_ATTRIBUTE_TYPE_INVALID || sizeResult == CKR_ATTRIBUTE_SENSITIVE ||
        query.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return std::nullopt;
    if (sizeResult != CKR_OK)
        throw CardException(pkcs11::failure(sizeResult, "C_GetAttributeValue", removed));
    QByteArray value(static_cast<qsizetype>(query.ulValueLen), '\0');
    query.pValue = value.data();
    P11_CALL(removed, functions, C_GetAttributeValue, session, object, &query, CK_ULONG{1});
    value.truncate(static_cast<qsizetype>(query.ulValueLen));
    return value;
}

QString labelOf(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                const RemovalProbe& removed)
{
    return QString::fromUtf8(
        attribute(functions, session, object, CKA_LABEL, removed).value_or(QByteArray()));
}

QByteArray bytesOf(const dcc::Bytes& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
}

template <typename T>
std::optional<T> scalarAttribute(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session,
                                 CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                                 const RemovalProbe& removed)
{
    const auto value = attribute(functions, session, object, type, removed);
    if (!value || value->size() != static_cast<qsizetype>(sizeof(T)))
        return std::nullopt;
    T result{};
    std::memcpy(&result, value->constData(), sizeof(T));
    return result;
}

} // namespace

Pkcs11Token::Pkcs11Token(std::shared_ptr<Pkcs11Module> module, quint64 slotId,
                         RemovalProbe removedSinceStart)
    : m_module(std::move(module))
    , m_slotId(slotId)
    , m_removedSinceStart(std::move(removedSinceStart))
{}

bool Pkcs11Token::tokenPresent() const noexcept
{
    CK_SLOT_INFO slot{};
    return pkcs11::functionsOf(*m_module)->C_GetSlotInfo(m_slotId, &slot) == CKR_OK &&
           (slot.flags & CKF_TOKEN_PRESENT) != 0;
}

bool Pkcs11Token::removed() const
{
    return (m_removedSinceStart && m_removedSinceStart()) || !tokenPresent();
}

PinState Pkcs11Token::pinState() const
{
    const RemovalProbe probe = [this] {
        return removed();
    };
    CK_TOKEN_INFO token{};
    P11_CALL(probe, pkcs11::functionsOf(*m_module), C_GetTokenInfo, m_slotId, &token);
    return PinState::fromTokenFlags(token.flags);
}

TokenInfo Pkcs11Token::describe() const
{
    CK_FUNCTION_LIST* functions = pkcs11::functionsOf(*m_module);
    const RemovalProbe probe = [this] {
        return removed();
    };

    CK_SLOT_INFO slot{};
    P11_CALL(probe, functions, C_GetSlotInfo, m_slotId, &slot);
    if (!(slot.flags & CKF_TOKEN_PRESENT))
        throw CardException(error(CardError::Code::TokenNotPresent, "C_GetSlotInfo"));
    CK_TOKEN_INFO token{};
    P11_CALL(probe, functions, C_GetTokenInfo, m_slotId, &token);
    // A blank token (SoftHSM's spare slot, a card never personalised) has nothing to log in
    // with: for the login it is as if there were no token.
    if (!(token.flags & CKF_TOKEN_INITIALIZED))
        throw CardException(error(CardError::Code::TokenNotPresent, "C_GetTokenInfo",
                                  QStringLiteral("token not initialised")));

    TokenInfo info;
    info.modulePath = m_module->path();
    info.slotId = m_slotId;
    info.slotDescription = pkcs11::paddedText(slot.slotDescription);
    info.label = pkcs11::paddedText(token.label);
    info.serialNumber = pkcs11::paddedText(token.serialNumber);
    info.model = pkcs11::paddedText(token.model);
    info.manufacturer = pkcs11::paddedText(token.manufacturerID);
    info.flags = token.flags;
    info.pinState = PinState::fromTokenFlags(token.flags);
    info.minPinLength = static_cast<int>(token.ulMinPinLen);
    info.maxPinLength = static_cast<int>(token.ulMaxPinLen);

    Session session(functions, m_slotId, probe);

    CK_OBJECT_CLASS certificateClass = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE x509 = CKC_X_509;
    QList<KeySelection::Certificate> candidates;
    QList<QByteArray> ders;
    for (const CK_OBJECT_HANDLE object :
         findObjects(functions, session.handle(),
                     {{CKA_CLASS, &certificateClass, sizeof certificateClass},
                      {CKA_CERTIFICATE_TYPE, &x509, sizeof x509}},
                     probe)) {
        KeySelection::Certificate candidate;
        candidate.id =
            attribute(functions, session.handle(), object, CKA_ID, probe).value_or(QByteArray());
        candidate.label = labelOf(functions, session.handle(), object, probe);
        const QByteArray der =
            attribute(functions, session.handle(), object, CKA_VALUE, probe).value_or(QByteArray());
        const auto parsed = dcc::CpsCertificate::parse(
            dcc::ByteView(reinterpret_cast<const std::uint8_t*>(der.constData()),
                          static_cast<std::size_t>(der.size())));
        if (parsed) {
            candidate.decodable = true;
            candidate.keyUsage = parsed->keyUsage();
        }
        candidates << candidate;
        ders << der;
    }

    // Private keys are often hidden until login; those that show help to choose.
    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    QList<KeySelection::Key> keys;
    for (const CK_OBJECT_HANDLE object : findObjects(
             functions, session.handle(), {{CKA_CLASS, &keyClass, sizeof keyClass}}, probe)) {
        keys << KeySelection::Key{
            attribute(functions, session.handle(), object, CKA_ID, probe).value_or(QByteArray()),
            labelOf(functions, session.handle(), object, probe)};
    }

    const auto chosen = KeySelection::chooseCertificate(candidates, keys);
    if (!chosen) {
        throw CardException(error(CardError::Code::NoAuthenticationKey, "find login key",
                                  QStringLiteral("%1 certificate(s) on token %2")
                                      .arg(candidates.size())
                                      .arg(info.label)));
    }
    const QByteArray& der = ders[*chosen];
    const auto certificate = dcc::CpsCertificate::parse(
        dcc::ByteView(reinterpret_cast<const std::uint8_t*>(der.constData()),
                      static_cast<std::size_t>(der.size())));
    info.certificateId = candidates[*chosen].id;
    info.certificateLabel = candidates[*chosen].label;
    info.certificateDer = der;
    info.holder = holderFromCertificate(*certificate);
    switch (certificate->publicKeyType()) {
    case dcc::PublicKeyType::Rsa:
        info.algorithm = dcc::SignatureAlgorithm::RS256;
        break;
    case dcc::PublicKeyType::Ec:
        info.algorithm = dcc::SignatureAlgorithm::ES256;
        break;
    case dcc::PublicKeyType::Other:
        throw CardException(error(CardError::Code::MechanismNotSupported, "find login key",
                                  QStringLiteral("neither an RSA nor an EC key")));
    }
    return info;
}

SignatureResult Pkcs11Token::signChallenge(const TokenInfo& expected,
                                           const dcc::CpsChallenge::Sha256& digest, QByteArray& pin,
                                           const std::function<void()>& onPinPad) const
{
    const PinWiper wiper(pin);
    CK_FUNCTION_LIST* functions = pkcs11::functionsOf(*m_module);
    const RemovalProbe probe = [this] {
        return removed();
    };

    // The card in the slot must still be the one the user saw (same serial and label):
    // another card put in meanwhile is, for this login, a removal.
    CK_TOKEN_INFO token{};
    P11_CALL(probe, functions, C_GetTokenInfo, m_slotId, &token);
    if (pkcs11::paddedText(token.serialNumber) != expected.serialNumber ||
        pkcs11::paddedText(token.label) != expected.label) {
        throw CardException(error(CardError::Code::CardRemoved, "C_GetTokenInfo",
                                  QStringLiteral("another token is in the slot")));
    }
    const bool pinPad = (token.flags & CKF_PROTECTED_AUTHENTICATION_PATH) != 0;

    const bool rsa = expected.algorithm != dcc::SignatureAlgorithm::ES256;
    CK_MECHANISM mechanism{rsa ? CKM_RSA_PKCS : CKM_ECDSA, nullptr, 0};
    // Checked before the PIN is spent: a token that cannot make this signature fails the
    // same way whatever the PIN.
    CK_MECHANISM_INFO mechanismInfo{};
    const CK_RV mechanismResult =
        functions->C_GetMechanismInfo(m_slotId, mechanism.mechanism, &mechanismInfo);
    if (mechanismResult == CKR_MECHANISM_INVALID ||
        (mechanismResult == CKR_OK && !(mechanismInfo.flags & CKF_SIGN))) {
        throw CardException(
            CardError(CardError::Code::MechanismNotSupported, QStringLiteral("C_GetMechanismInfo"),
                      CardError::Source::Pkcs11, mechanismResult)
                .setDetail(rsa ? QStringLiteral("CKM_RSA_PKCS") : QStringLiteral("CKM_ECDSA")));
    }
    if (mechanismResult != CKR_OK && Pkcs11Errors::mayMeanRemoval(mechanismResult))
        throw CardException(pkcs11::failure(mechanismResult, "C_GetMechanismInfo", probe));

    Session session(functions, m_slotId, probe);
    LoginGuard login(functions, session.handle());

    const auto logIn = [&](CK_USER_TYPE user) {
        CK_RV result = CKR_OK;
        if (pinPad) {
            if (onPinPad)
                onPinPad();
            result = functions->C_Login(session.handle(), user, nullptr, 0);
        } else {
            result = functions->C_Login(session.handle(), user,
                                        reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()),
                                        static_cast<CK_ULONG>(pin.size()));
        }
        if (result == CKR_OK) {
            if (user == CKU_USER)
                login.setLoggedIn();
            return;
        }
        if (result == CKR_USER_ALREADY_LOGGED_IN)
            return; // someone else's login: use it, and leave logging out to them
        if (result == CKR_PIN_INCORRECT || result == CKR_PIN_LOCKED) {
            // What the card says now decides between "try again", "last try" and "locked".
            throw CardException(Pkcs11Errors::fromReturnValue(result, QStringLiteral("C_Login"),
                                                              false, pinState()));
        }
        throw CardException(pkcs11::failure(result, "C_Login", probe));
    };
    logIn(CKU_USER);

    // The key that goes with the chosen certificate.
    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    QByteArray id = expected.certificateId;
    QList<CK_OBJECT_HANDLE> handles =
        findObjects(functions, session.handle(),
                    {{CKA_CLASS, &keyClass, sizeof keyClass},
                     {CKA_ID, id.data(), static_cast<CK_ULONG>(id.size())}},
                    probe);
    QList<KeySelection::Key> keys;
    for (const CK_OBJECT_HANDLE handle : handles)
        keys << KeySelection::Key{id, labelOf(functions, session.handle(), handle, probe)};
    const auto chosen = KeySelection::chooseKey(keys);
    if (!chosen) {
        throw CardException(error(CardError::Code::NoAuthenticationKey, "find login key",
                                  QStringLiteral("no private key for the certificate")));
    }
    const CK_OBJECT_HANDLE key = handles[*chosen];

    const auto keyType =
        scalarAttribute<CK_KEY_TYPE>(functions, session.handle(), key, CKA_KEY_TYPE, probe);
    if (keyType && *keyType != (rsa ? CKK_RSA : CKK_EC)) {
        throw CardException(error(CardError::Code::MechanismNotSupported, "find login key",
                                  QStringLiteral("the key does not match its certificate")));
    }
    const bool alwaysAuthenticate =
        scalarAttribute<CK_BBOOL>(functions, session.handle(), key, CKA_ALWAYS_AUTHENTICATE, probe)
            .value_or(CK_FALSE) == CK_TRUE;

    QByteArray input;
    if (rsa) {
        input = bytesOf(dcc::CpsChallenge::digestInfo(digest));
    } else {
        input = QByteArray(reinterpret_cast<const char*>(digest.data()),
                           static_cast<qsizetype>(digest.size()));
    }

    P11_CALL(probe, functions, C_SignInit, session.handle(), &mechanism, key);
    if (alwaysAuthenticate)
        logIn(CKU_CONTEXT_SPECIFIC); // the key wants the PIN for each signature

    QByteArray signature(static_cast<qsizetype>(kSignatureBufferSize), '\0');
    CK_ULONG length = kSignatureBufferSize;
    CK_RV signResult =
        functions->C_Sign(session.handle(), reinterpret_cast<CK_BYTE_PTR>(input.data()),
                          static_cast<CK_ULONG>(input.size()),
                          reinterpret_cast<CK_BYTE_PTR>(signature.data()), &length);
    if (signResult == CKR_BUFFER_TOO_SMALL) {
        // The operation stays active after this answer: call again with the size it asked.
        signature.resize(static_cast<qsizetype>(length));
        signResult =
            functions->C_Sign(session.handle(), reinterpret_cast<CK_BYTE_PTR>(input.data()),
                              static_cast<CK_ULONG>(input.size()),
                              reinterpret_cast<CK_BYTE_PTR>(signature.data()), &length);
    }
    if (signResult != CKR_OK)
        throw CardException(pkcs11::failure(signResult, "C_Sign", probe));
    signature.truncate(static_cast<qsizetype>(length));

    SignatureResult result;
    result.certificateDer = expected.certificateDer;
    result.algorithm = expected.algorithm;
    if (rsa) {
        result.signature = signature;
    } else {
        if (signature.size() != 2 * kP256ComponentSize) {
            throw CardException(error(CardError::Code::MechanismNotSupported, "C_Sign",
                                      QStringLiteral("not a P-256 ECDSA signature")));
        }
        result.signature = EcdsaSignature::rawToDer(signature);
    }
    return result;
}

} // namespace dcc::card
