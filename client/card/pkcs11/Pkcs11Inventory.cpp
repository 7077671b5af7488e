#include "client/card/pkcs11/Pkcs11Inventory.h"

#include "client/card/pkcs11/Pkcs11Private.h"

#include <QScopeGuard>

#include <optional>
#include <vector>

namespace dcc::card {

namespace {

QString mechanismName(CK_MECHANISM_TYPE type)
{
    switch (type) {
    case CKM_RSA_PKCS:
        return QStringLiteral("CKM_RSA_PKCS");
    case CKM_SHA256_RSA_PKCS:
        return QStringLiteral("CKM_SHA256_RSA_PKCS");
    case CKM_RSA_PKCS_PSS:
        return QStringLiteral("CKM_RSA_PKCS_PSS");
    case CKM_SHA256_RSA_PKCS_PSS:
        return QStringLiteral("CKM_SHA256_RSA_PKCS_PSS");
    case CKM_ECDSA:
        return QStringLiteral("CKM_ECDSA");
    case CKM_ECDSA_SHA256:
        return QStringLiteral("CKM_ECDSA_SHA256");
    default:
        return QStringLiteral("0x%1").arg(static_cast<quint64>(type), 0, 16);
    }
}

std::optional<QByteArray> attribute(CK_FUNCTION_LIST* functions, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type)
{
    CK_ATTRIBUTE query{type, nullptr, 0};
    if (functions->C_GetAttributeValue(session, object, &query, 1) != CKR_OK ||
        query.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return std::nullopt;
    QByteArray value(static_cast<qsizetype>(query.ulValueLen), '\0');
    query.pValue = value.data();
    if (functions->C_GetAttributeValue(session, object, &query, 1) != CKR_OK)
        return std::nullopt;
    return value;
}

void readMechanisms(CK_FUNCTION_LIST* functions, Pkcs11Inventory::Slot& slot)
{
    CK_ULONG count = 0;
    P11_CALL({}, functions, C_GetMechanismList, slot.id, nullptr, &count);
    std::vector<CK_MECHANISM_TYPE> types(count);
    P11_CALL({}, functions, C_GetMechanismList, slot.id, types.data(), &count);
    types.resize(count);
    for (const CK_MECHANISM_TYPE type : types) {
        CK_MECHANISM_INFO info{};
        if (functions->C_GetMechanismInfo(slot.id, type, &info) != CKR_OK ||
            !(info.flags & CKF_SIGN))
            continue;
        slot.signMechanisms << mechanismName(type);
        slot.canSignRsaPkcs = slot.canSignRsaPkcs || type == CKM_RSA_PKCS;
        slot.canSignEcdsa = slot.canSignEcdsa || type == CKM_ECDSA;
    }
}

void readCertificates(CK_FUNCTION_LIST* functions, Pkcs11Inventory::Slot& slot)
{
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    P11_CALL({}, functions, C_OpenSession, slot.id, CK_FLAGS{CKF_SERIAL_SESSION}, nullptr, nullptr,
             &session);
    // Closed on every path: a session left open would keep the token busy for the login.
    const auto closeSession = qScopeGuard([&] { functions->C_CloseSession(session); });
    CK_OBJECT_CLASS certificateClass = CKO_CERTIFICATE;
    CK_ATTRIBUTE filter{CKA_CLASS, &certificateClass, sizeof certificateClass};
    P11_CALL({}, functions, C_FindObjectsInit, session, &filter, CK_ULONG{1});
    std::vector<CK_OBJECT_HANDLE> objects;
    for (;;) {
        CK_OBJECT_HANDLE batch[16];
        CK_ULONG found = 0;
        if (functions->C_FindObjects(session, batch, 16, &found) != CKR_OK || found == 0)
            break;
        objects.insert(objects.end(), batch, batch + found);
    }
    functions->C_FindObjectsFinal(session);
    for (const CK_OBJECT_HANDLE object : objects) {
        Pkcs11Inventory::Certificate certificate;
        certificate.id = attribute(functions, session, object, CKA_ID).value_or(QByteArray());
        certificate.label = QString::fromUtf8(
            attribute(functions, session, object, CKA_LABEL).value_or(QByteArray()));
        certificate.der = attribute(functions, session, object, CKA_VALUE).value_or(QByteArray());
        slot.certificates << certificate;
    }
}

} // namespace

QList<Pkcs11Inventory::Slot> Pkcs11Inventory::slotsOf(const Pkcs11Module& module)
{
    CK_FUNCTION_LIST* functions = pkcs11::functionsOf(module);
    CK_ULONG count = 0;
    P11_CALL({}, functions, C_GetSlotList, CK_BBOOL{CK_FALSE}, nullptr, &count);
    std::vector<CK_SLOT_ID> ids(count);
    P11_CALL({}, functions, C_GetSlotList, CK_BBOOL{CK_FALSE}, ids.data(), &count);
    ids.resize(count);

    QList<Slot> result;
    for (const CK_SLOT_ID id : ids) {
        Slot slot;
        slot.id = id;
        try {
            CK_SLOT_INFO slotInfo{};
            P11_CALL({}, functions, C_GetSlotInfo, id, &slotInfo);
            slot.description = pkcs11::paddedText(slotInfo.slotDescription);
            slot.tokenPresent = (slotInfo.flags & CKF_TOKEN_PRESENT) != 0;
            if (slot.tokenPresent) {
                CK_TOKEN_INFO token{};
                P11_CALL({}, functions, C_GetTokenInfo, id, &token);
                slot.label = pkcs11::paddedText(token.label);
                slot.model = pkcs11::paddedText(token.model);
                slot.serialNumber = pkcs11::paddedText(token.serialNumber);
                slot.manufacturer = pkcs11::paddedText(token.manufacturerID);
                slot.tokenFlags = token.flags;
                slot.tokenInitialized = (token.flags & CKF_TOKEN_INITIALIZED) != 0;
                if (slot.tokenInitialized) {
                    readMechanisms(functions, slot);
                    readCertificates(functions, slot);
                }
            }
        } catch (const CardException& e) {
            slot.problem = e.error().description();
        }
        result << slot;
    }
    return result;
}

} // namespace dcc::card
