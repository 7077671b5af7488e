#include "client/card/pkcs11/Pkcs11Module.h"

#include "client/card/pkcs11/Pkcs11Private.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <vector>

namespace dcc::card {

namespace {

// One instance per module file. The mutex also serialises C_Initialize and C_Finalize, so
// that a module being finalised by its last user is never initialised again halfway.
QMutex& registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, std::weak_ptr<Pkcs11Module>>& registry()
{
    static QHash<QString, std::weak_ptr<Pkcs11Module>> modules;
    return modules;
}

} // namespace

std::shared_ptr<Pkcs11Module> Pkcs11Module::load(const QString& path)
{
    const QFileInfo file(path);
    if (path.isEmpty() || !file.exists()) {
        throw CardException(CardError(CardError::Code::ModuleNotFound,
                                      QStringLiteral("load module"), CardError::Source::System)
                                .setDetail(path));
    }
    const QString canonical = file.canonicalFilePath();

    QMutexLocker lock(&registryMutex());
    if (auto existing = registry().value(canonical).lock())
        return existing;

    std::unique_ptr<Pkcs11Module> module(new Pkcs11Module(path, canonical));
    module->initialise();
    std::shared_ptr<Pkcs11Module> shared(module.release(), [](Pkcs11Module* gone) {
        QMutexLocker guard(&registryMutex());
        const auto entry = registry().constFind(gone->m_canonicalPath);
        if (entry != registry().constEnd() && entry->expired())
            registry().remove(gone->m_canonicalPath);
        delete gone;
    });
    registry().insert(canonical, shared);
    return shared;
}

Pkcs11Module::Pkcs11Module(QString path, QString canonicalPath)
    : m_path(std::move(path))
    , m_canonicalPath(std::move(canonicalPath))
    , m_library(m_canonicalPath)
{}

Pkcs11Module::~Pkcs11Module()
{
    if (m_finalize && m_functions)
        pkcs11::functionsOf(*this)->C_Finalize(nullptr);
    // No m_library.unload(): see the class comment.
}

void Pkcs11Module::initialise()
{
    const auto loadFailure = [this](const QString& why) {
        return CardException(CardError(CardError::Code::ModuleLoadFailed,
                                       QStringLiteral("load module"), CardError::Source::System)
                                 .setDetail(m_path + QStringLiteral(": ") + why));
    };

    if (!m_library.load())
        throw loadFailure(m_library.errorString());
    const auto getFunctionList =
        reinterpret_cast<CK_C_GetFunctionList>(m_library.resolve("C_GetFunctionList"));
    if (!getFunctionList)
        throw loadFailure(QStringLiteral("no C_GetFunctionList: not a PKCS#11 module"));
    CK_FUNCTION_LIST_PTR functions = nullptr;
    const CK_RV listResult = getFunctionList(&functions);
    if (listResult != CKR_OK || !functions)
        throw loadFailure(QStringLiteral("C_GetFunctionList failed: ") +
                          Pkcs11Errors::name(listResult));
    m_functions = functions;

    // OS locking: the card worker and diagnostics may call the module from their threads.
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    const CK_RV initResult = functions->C_Initialize(&args);
    if (initResult == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        // Someone else in the process (p11-kit's proxy, a plugin) initialised it: use it,
        // and leave finalising to them.
        m_finalize = false;
    } else if (initResult == CKR_OK) {
        m_finalize = true;
    } else {
        throw CardException(CardError(CardError::Code::ModuleLoadFailed,
                                      QStringLiteral("C_Initialize"), CardError::Source::Pkcs11,
                                      initResult)
                                .setDetail(m_path));
    }

    CK_INFO info{};
    if (functions->C_GetInfo(&info) == CKR_OK) {
        m_description = QStringLiteral("%1, %2 %3.%4")
                            .arg(pkcs11::paddedText(info.manufacturerID),
                                 pkcs11::paddedText(info.libraryDescription))
                            .arg(info.libraryVersion.major)
                            .arg(info.libraryVersion.minor);
    }
}

QList<quint64> Pkcs11Module::slotsWithToken() const
{
    // The list may grow between the two calls (a reader plugged in): CKR_BUFFER_TOO_SMALL
    // then asks again.
    CK_FUNCTION_LIST* functions = pkcs11::functionsOf(*this);
    for (int attempt = 0; attempt < 3; ++attempt) {
        CK_ULONG count = 0;
        P11_CALL({}, functions, C_GetSlotList, CK_BBOOL{CK_TRUE}, nullptr, &count);
        std::vector<CK_SLOT_ID> ids(count);
        const CK_RV result = functions->C_GetSlotList(CK_BBOOL{CK_TRUE}, ids.data(), &count);
        if (result == CKR_BUFFER_TOO_SMALL)
            continue;
        if (result != CKR_OK)
            throw CardException(pkcs11::failure(result, "C_GetSlotList", {}));
        QList<quint64> slotIds;
        for (CK_ULONG i = 0; i < count; ++i)
            slotIds << ids[i];
        return slotIds;
    }
    throw CardException(
        Pkcs11Errors::fromReturnValue(CKR_BUFFER_TOO_SMALL, QStringLiteral("C_GetSlotList")));
}

} // namespace dcc::card
