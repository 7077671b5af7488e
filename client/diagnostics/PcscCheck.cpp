#include "client/diagnostics/PcscCheck.h"

#include "client/card/CardException.h"
#include "client/card/pcsc/PcscContext.h"
#include "client/card/pcsc/ReaderFeatures.h"
#include "common/Atr.h"

#include <QJsonArray>

#include <vector>

namespace dcc::diagnostics {

namespace {

QString stateCode(const dcc::card::ReaderState& state)
{
    using Flag = dcc::card::ReaderState::Flag;
    if (state.eventState & (Flag::Unknown | Flag::Unavailable))
        return QStringLiteral("unavailable");
    if (state.eventState & Flag::Mute)
        return QStringLiteral("card_mute");
    if (state.eventState & Flag::Present)
        return (state.eventState & Flag::Exclusive) ? QStringLiteral("card_exclusive")
                                                    : QStringLiteral("card_present");
    return QStringLiteral("empty");
}

} // namespace

QString PcscCheck::title() const
{
    return tr("Lecteurs de cartes");
}

QList<DiagnosticFinding> PcscCheck::run(const DiagnosticContext&)
{
    using Status = DiagnosticFinding::Status;
    QList<DiagnosticFinding> findings;

    DiagnosticFinding service;
    service.id = QStringLiteral("pcsc.service");
    service.group = group();
    service.title = tr("Service carte à puce (PC/SC)");

    std::unique_ptr<dcc::card::PcscContext> context;
    QStringList readers;
    try {
        context = std::make_unique<dcc::card::PcscContext>();
        readers = context->listReaders();
    } catch (const dcc::card::CardException& e) {
        service.status = Status::Error;
        service.data = QJsonObject{{QStringLiteral("running"), false},
                                   {QStringLiteral("error"), e.error().description()}};
        service.detail =
            tr("Le service carte à puce ne répond pas (%1).").arg(e.error().description());
        service.advice = tr("Démarrez le service carte à puce (pcscd sous Linux, « Carte à "
                            "puce » sous Windows) puis relancez le diagnostic.");
        findings << service;
        DiagnosticFinding none;
        none.id = QStringLiteral("pcsc.readers");
        none.group = group();
        none.status = Status::NotApplicable;
        none.title = tr("Lecteurs");
        none.detail = tr("Sans service PC/SC, les lecteurs ne peuvent pas être listés.");
        findings << none;
        return findings;
    }
    service.data = QJsonObject{{QStringLiteral("running"), true}};
    service.detail = tr("Le service carte à puce répond.");
    findings << service;

    DiagnosticFinding list;
    list.id = QStringLiteral("pcsc.readers");
    list.group = group();
    list.title = tr("Lecteurs");
    list.data = QJsonObject{{QStringLiteral("count"), static_cast<int>(readers.size())},
                            {QStringLiteral("names"), QJsonArray::fromStringList(readers)}};
    if (readers.isEmpty()) {
        list.status = Status::Error;
        list.detail = tr("Aucun lecteur de carte n'est branché.");
        list.advice = tr("Branchez le lecteur (ou un autre port USB) et vérifiez que son pilote "
                         "est installé.");
        findings << list;
        return findings;
    }
    list.detail = tr("%n lecteur(s) : %1", nullptr, static_cast<int>(readers.size()))
                      .arg(readers.join(QStringLiteral(", ")));
    findings << list;

    std::vector<dcc::card::ReaderState> states;
    for (const QString& reader : readers)
        states.push_back(dcc::card::ReaderState{reader, dcc::card::ReaderState::Unaware, 0, {}});
    try {
        // Unaware + no wait: the current state of every reader at once.
        context->getStatusChange(states, 0);
    } catch (const dcc::card::CardException& e) {
        list.status = Status::Warning;
        list.detail += QLatin1Char('\n') + e.error().description();
    }

    bool anyCps = false;
    for (const dcc::card::ReaderState& state : states) {
        DiagnosticFinding reader;
        reader.id = QStringLiteral("pcsc.reader");
        reader.group = group();
        reader.title = tr("Lecteur « %1 »").arg(state.name);
        const dcc::card::ReaderFeatures features = dcc::card::ReaderFeatures::query(state.name);
        QJsonObject data{{QStringLiteral("name"), state.name},
                         {QStringLiteral("state"), stateCode(state)},
                         {QStringLiteral("pin_pad"), features.reported
                                                         ? QJsonValue(features.pinPadVerify)
                                                         : QJsonValue(QJsonValue::Null)}};
        QString pinPad = !features.reported      ? tr("clavier PIN non indiqué par le lecteur")
                         : features.pinPadVerify ? tr("avec clavier PIN")
                                                 : tr("sans clavier PIN");
        if (!state.cardPresent()) {
            data.insert(QStringLiteral("atr"), QString());
            data.insert(QStringLiteral("card_type"), QStringLiteral("none"));
            reader.status = Status::Warning;
            reader.detail = tr("Pas de carte dans ce lecteur (%1).").arg(pinPad);
            reader.advice = tr("Insérez la carte CPS, puce vers le haut, côté contacts.");
        } else {
            const dcc::Atr atr(dcc::Bytes(state.atr.cbegin(), state.atr.cend()));
            const QString atrHex = QString::fromStdString(atr.toHex());
            const dcc::CardType type = atr.cardType();
            data.insert(QStringLiteral("atr"), atrHex);
            data.insert(
                QStringLiteral("card_type"),
                QString::fromLatin1(dcc::Atr::cardTypeCode(type).data(),
                                    static_cast<qsizetype>(dcc::Atr::cardTypeCode(type).size())));
            switch (type) {
            case dcc::CardType::Cps3Contact:
                anyCps = true;
                reader.detail = tr("Carte CPS3 (contact), %1. ATR %2").arg(pinPad, atrHex);
                break;
            case dcc::CardType::Cps4:
                anyCps = true;
                reader.detail = tr("Carte CPS4, %1. ATR %2").arg(pinPad, atrHex);
                break;
            case dcc::CardType::Cps3Contactless:
                reader.status = Status::Warning;
                reader.detail = tr("Carte CPS3 lue sans contact : elle ne peut pas servir à "
                                   "la connexion. ATR %1")
                                    .arg(atrHex);
                reader.advice = tr("Utilisez la fente à contact du lecteur.");
                break;
            case dcc::CardType::Unknown:
                reader.status = Status::Warning;
                reader.detail = tr("Carte d'un type inconnu. ATR %1").arg(atrHex);
                reader.advice = tr("Vérifiez qu'il s'agit bien d'une carte CPS.");
                break;
            }
            if (state.eventState & dcc::card::ReaderState::Mute) {
                reader.status = Status::Error;
                reader.detail = tr("La carte ne répond pas (carte muette).");
                reader.advice = tr("Retirez la carte, nettoyez la puce et réinsérez-la.");
            }
        }
        reader.data = data;
        findings << reader;
    }
    list.data.insert(QStringLiteral("cps_card_present"), anyCps);
    findings[1] = list;
    return findings;
}

} // namespace dcc::diagnostics
