#include "tests/support/Pkcs11TestToken.h"

#include "tests/support/softhsm/PrivateTokenCopy.h"

#include <QFile>
#include <p11-kit/pkcs11.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace dcc::test {

namespace {

constexpr auto kModulePath = "/usr/lib/softhsm/libsofthsm2.so";

void check(CK_RV rv, const char* call)
{
    if (rv != CKR_OK)
        throw std::runtime_error(std::string(call) + " failed with CKR 0x" +
                                 QByteArray::number(static_cast<qulonglong>(rv), 16).toStdString());
}

// PKCS#11 labels are blank-padded, not NUL-terminated.
QByteArray labelOf(const CK_TOKEN_INFO& info)
{
    return QByteArray(reinterpret_cast<const char*>(info.label), sizeof(info.label)).trimmed();
}

} // namespace

struct Pkcs11TestToken::Module
{
    QLibrary library;
    CK_FUNCTION_LIST_PTR functions = nullptr;
    CK_SLOT_ID slot = 0;
    bool initialised = false;

    CK_SESSION_HANDLE openSession()
    {
        CK_SESSION_HANDLE session = 0;
        check(functions->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &session),
              "C_OpenSession");
        return session;
    }

    CK_OBJECT_HANDLE findObject(CK_SESSION_HANDLE session, std::vector<CK_ATTRIBUTE> tmpl)
    {
        check(functions->C_FindObjectsInit(session, tmpl.data(), tmpl.size()), "C_FindObjectsInit");
        CK_OBJECT_HANDLE object = 0;
        CK_ULONG count = 0;
        const CK_RV rv = functions->C_FindObjects(session, &object, 1, &count);
        functions->C_FindObjectsFinal(session);
        check(rv, "C_FindObjects");
        if (count != 1)
            throw std::runtime_error("PKCS#11 object not found on the test token");
        return object;
    }
};

Pkcs11TestToken::Pkcs11TestToken(const QString& tokenDir)
    : m_module(std::make_unique<Module>())
{
    QFile env(tokenDir + QStringLiteral("/token.env"));
    if (!env.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing " + env.fileName().toStdString() +
                                 " (the cps_token fixture makes it)");
    while (!env.atEnd()) {
        const QByteArray line = env.readLine().trimmed();
        const auto eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = line.left(eq);
        const QByteArray value = line.mid(eq + 1);
        if (key == "CPS_TOKEN_LABEL")
            m_tokenLabel = QString::fromUtf8(value);
        else if (key == "CPS_PIN")
            m_pin = value;
    }

    PrivateTokenCopy::forProcess(tokenDir).select();

    m_module->library.setFileName(QString::fromLatin1(kModulePath));
    if (!m_module->library.load())
        throw std::runtime_error("cannot load " + std::string(kModulePath));
    auto getFunctionList =
        reinterpret_cast<CK_C_GetFunctionList>(m_module->library.resolve("C_GetFunctionList"));
    if (getFunctionList == nullptr)
        throw std::runtime_error("C_GetFunctionList missing from the module");
    check(getFunctionList(&m_module->functions), "C_GetFunctionList");

    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    check(m_module->functions->C_Initialize(&args), "C_Initialize");
    m_module->initialised = true;

    CK_ULONG count = 0;
    check(m_module->functions->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList");
    std::vector<CK_SLOT_ID> slotIds(count);
    check(m_module->functions->C_GetSlotList(CK_TRUE, slotIds.data(), &count), "C_GetSlotList");
    for (const CK_SLOT_ID slot : slotIds) {
        CK_TOKEN_INFO info{};
        if (m_module->functions->C_GetTokenInfo(slot, &info) == CKR_OK &&
            (info.flags & CKF_TOKEN_INITIALIZED) != 0 && labelOf(info) == m_tokenLabel.toUtf8()) {
            m_module->slot = slot;
            return;
        }
    }
    throw std::runtime_error("no token labelled " + m_tokenLabel.toStdString());
}

Pkcs11TestToken::~Pkcs11TestToken()
{
    if (m_module->initialised)
        m_module->functions->C_Finalize(nullptr);
}

Bytes Pkcs11TestToken::sign(const QByteArray& keyLabel, unsigned long mechanism, const Bytes& data,
                            const QByteArray& pin)
{
    CK_FUNCTION_LIST_PTR f = m_module->functions;
    const CK_SESSION_HANDLE session = m_module->openSession();
    struct SessionGuard
    {
        CK_FUNCTION_LIST_PTR f;
        CK_SESSION_HANDLE session;
        ~SessionGuard()
        {
            f->C_Logout(session);
            f->C_CloseSession(session);
        }
    } guard{f, session};

    QByteArray pinCopy = pin;
    check(f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pinCopy.data()),
                     static_cast<CK_ULONG>(pinCopy.size())),
          "C_Login");
    pinCopy.fill('\0');

    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    QByteArray label = keyLabel;
    const CK_OBJECT_HANDLE key = m_module->findObject(
        session, {{CKA_CLASS, &keyClass, sizeof(keyClass)},
                  {CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())}});

    CK_RSA_PKCS_PSS_PARAMS pss{CKM_SHA256, CKG_MGF1_SHA256, 32};
    CK_MECHANISM mech{mechanism, nullptr, 0};
    if (mechanism == CKM_RSA_PKCS_PSS) {
        mech.pParameter = &pss;
        mech.ulParameterLen = sizeof(pss);
    }
    check(f->C_SignInit(session, &mech, key), "C_SignInit");
    Bytes input = data;
    CK_ULONG length = 0;
    check(f->C_Sign(session, input.data(), input.size(), nullptr, &length), "C_Sign");
    Bytes signature(length);
    check(f->C_Sign(session, input.data(), input.size(), signature.data(), &length), "C_Sign");
    signature.resize(length);
    return signature;
}

Bytes Pkcs11TestToken::certificate(std::uint8_t id)
{
    CK_FUNCTION_LIST_PTR f = m_module->functions;
    const CK_SESSION_HANDLE session = m_module->openSession();
    CK_OBJECT_CLASS certClass = CKO_CERTIFICATE;
    CK_BYTE ckaId = id;
    Bytes value;
    try {
        const CK_OBJECT_HANDLE cert = m_module->findObject(
            session, {{CKA_CLASS, &certClass, sizeof(certClass)}, {CKA_ID, &ckaId, 1}});
        CK_ATTRIBUTE attribute{CKA_VALUE, nullptr, 0};
        check(f->C_GetAttributeValue(session, cert, &attribute, 1), "C_GetAttributeValue");
        value.resize(attribute.ulValueLen);
        attribute.pValue = value.data();
        check(f->C_GetAttributeValue(session, cert, &attribute, 1), "C_GetAttributeValue");
    } catch (...) {
        f->C_CloseSession(session);
        throw;
    }
    f->C_CloseSession(session);
    return value;
}

} // namespace dcc::test
