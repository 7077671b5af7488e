<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
<context>
    <name>ApplicationCheck</name>
    <message>
        <source>Application et système</source>
        <translation>Application and system</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Aucune bibliothèque TLS n&apos;est disponible : la connexion au serveur en https est impossible.</source>
        <translation>No TLS library is available: the server cannot be reached over https.</translation>
    </message>
    <message>
        <source>Réinstallez DCC Login, qui fournit OpenSSL.</source>
        <translation>Reinstall DCC Login, which ships OpenSSL.</translation>
    </message>
    <message>
        <source>DCC Login %1, Qt %2, %3</source>
        <translation>DCC Login %1, Qt %2, %3</translation>
    </message>
    <message>
        <source>Système</source>
        <translation>System</translation>
    </message>
    <message>
        <source>%1, %2, langue %3</source>
        <translation>%1, %2, language %3</translation>
    </message>
    <message>
        <source>Réglages en vigueur</source>
        <translation>Settings in effect</translation>
    </message>
    <message>
        <source>Réglages ignorés : %1</source>
        <translation>Ignored settings: %1</translation>
    </message>
    <message>
        <source>Corrigez la stratégie de l&apos;administrateur ou les réglages de l&apos;utilisateur : une valeur ignorée laisse la valeur par défaut.</source>
        <translation>Fix the administrator&apos;s policy or the user&apos;s settings: an ignored value leaves the default in force.</translation>
    </message>
</context>
<context>
    <name>BrowserCheck</name>
    <message>
        <source>Navigateur</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Navigateur par défaut</source>
        <translation>Default browser</translation>
    </message>
    <message>
        <source>Ce système n&apos;indique pas le navigateur par défaut à DCC Login.</source>
        <translation>This system does not tell DCC Login its default browser.</translation>
    </message>
    <message>
        <source>Le navigateur par défaut n&apos;a pas pu être déterminé.</source>
        <translation>The default browser could not be determined.</translation>
    </message>
    <message>
        <source>Choisissez un navigateur par défaut dans les paramètres du système : DCC Login y ouvre le DCC.</source>
        <translation>Choose a default browser in the system settings: DCC Login opens the DCC in it.</translation>
    </message>
    <message>
        <source>Navigateur par défaut : %1</source>
        <translation>Default browser: %1</translation>
    </message>
    <message>
        <source>Module CPS dans Firefox</source>
        <translation>CPS module in Firefox</translation>
    </message>
    <message>
        <source>Aucun module CPS n&apos;est déclaré pour Firefox.</source>
        <translation>No CPS module is registered for Firefox.</translation>
    </message>
    <message>
        <source>Réinstallez la Cryptolib CPS pour que Firefox voie la carte.</source>
        <translation>Reinstall the CPS Cryptolib so that Firefox sees the card.</translation>
    </message>
    <message>
        <source>Module CPS déclaré pour Firefox : %1</source>
        <translation>CPS module registered for Firefox: %1</translation>
    </message>
    <message>
        <source>Ce système n&apos;a pas de dossier de modules PKCS#11 pour Firefox.</source>
        <translation>This system has no PKCS#11 module folder for Firefox.</translation>
    </message>
    <message>
        <source>Aucun manifeste de module CPS pour Firefox dans %1.</source>
        <translation>No CPS module manifest for Firefox in %1.</translation>
    </message>
    <message>
        <source>Installez la Cryptolib CPS, qui déclare son module à Firefox, pour que le DCC puisse aussi lire la carte dans le navigateur.</source>
        <translation>Install the CPS Cryptolib, which registers its module with Firefox, so that the DCC can also read the card in the browser.</translation>
    </message>
</context>
<context>
    <name>CardMessages</name>
    <message>
        <source>Aucun lecteur de carte détecté : branchez votre lecteur.</source>
        <translation>No card reader found: plug in your reader.</translation>
    </message>
    <message>
        <source>Insérez votre carte CPS dans le lecteur.</source>
        <translation>Insert your CPS card in the reader.</translation>
    </message>
    <message>
        <source>Le service de cartes à puce ne fonctionne pas sur ce poste. Contactez votre support informatique.</source>
        <translation>The smart card service is not running on this computer. Contact your IT support.</translation>
    </message>
    <message>
        <source>Carte CPS3 prête (%1).</source>
        <translation>CPS3 card ready (%1).</translation>
    </message>
    <message>
        <source>Carte CPS4 prête (%1).</source>
        <translation>CPS4 card ready (%1).</translation>
    </message>
    <message>
        <source>Carte CPS lue sans contact : insérez-la dans le lecteur à contact pour vous connecter.</source>
        <translation>CPS card read contactless: insert it in the contact reader to log in.</translation>
    </message>
    <message>
        <source>Carte insérée (%1).</source>
        <translation>Card inserted (%1).</translation>
    </message>
    <message>
        <source>Attention : un code erroné a déjà été saisi.</source>
        <translation>Caution: a wrong PIN has already been entered.</translation>
    </message>
    <message>
        <source>Dernier essai : un nouveau code erroné bloquera votre carte.</source>
        <translation>Last try: another wrong PIN will block your card.</translation>
    </message>
    <message>
        <source>Carte bloquée : débloquez-la avec votre code de déblocage, ou contactez votre référent.</source>
        <translation>Card blocked: unblock it with your unblocking code, or contact your referent.</translation>
    </message>
    <message>
        <source>La carte a été retirée. Insérez-la de nouveau pour continuer.</source>
        <translation>The card was removed. Insert it again to go on.</translation>
    </message>
    <message>
        <source>Une autre application utilise la carte. Fermez-la, puis réessayez.</source>
        <translation>Another application is using the card. Close it, then try again.</translation>
    </message>
    <message>
        <source>La Cryptolib CPS n&apos;est pas installée sur ce poste. Installez-la (site de l&apos;ANS) ou contactez votre support informatique.</source>
        <translation>Cryptolib CPS is not installed on this computer. Install it (ANS website) or contact your IT support.</translation>
    </message>
    <message>
        <source>La Cryptolib CPS n&apos;a pas pu être chargée. Contactez votre support informatique.</source>
        <translation>Cryptolib CPS could not be loaded. Contact your IT support.</translation>
    </message>
    <message>
        <source>Cette carte ne contient pas de certificat d&apos;authentification.</source>
        <translation>This card holds no authentication certificate.</translation>
    </message>
    <message>
        <source>Code PIN incorrect.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Code PIN incorrect. Dernier essai : un nouveau code erroné bloquera votre carte.</source>
        <translation>Wrong PIN. Last try: another wrong PIN will block your card.</translation>
    </message>
    <message>
        <source>Le code PIN comporte 4 chiffres.</source>
        <translation>The PIN has 4 digits.</translation>
    </message>
    <message>
        <source>Saisie annulée sur le lecteur.</source>
        <translation>Entry cancelled on the reader.</translation>
    </message>
    <message>
        <source>La carte met trop de temps à répondre. Réessayez.</source>
        <translation>The card takes too long to answer. Try again.</translation>
    </message>
    <message>
        <source>La carte n&apos;a pas pu être lue (%1). Retirez-la, réinsérez-la, puis réessayez.</source>
        <translation>The card could not be read (%1). Remove it, insert it again, then try again.</translation>
    </message>
</context>
<context>
    <name>DiagnosticsReport</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Sans objet</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>Application et système</source>
        <translation>Application and system</translation>
    </message>
    <message>
        <source>Lecteurs de cartes (PC/SC)</source>
        <translation>Card readers (PC/SC)</translation>
    </message>
    <message>
        <source>Modules PKCS#11 et carte</source>
        <translation>PKCS#11 modules and card</translation>
    </message>
    <message>
        <source>Serveur DCC Login</source>
        <translation>DCC Login server</translation>
    </message>
    <message>
        <source>Navigateur</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Rapport de diagnostic DCC Login — %1</source>
        <translation>DCC Login diagnostic report — %1</translation>
    </message>
    <message>
        <source>%1 OK, %2 attention, %3 erreur(s), %4 sans objet</source>
        <translation>%1 OK, %2 warning(s), %3 error(s), %4 not applicable</translation>
    </message>
</context>
<context>
    <name>DiagnosticsRunner</name>
    <message>
        <source>Ce contrôle n&apos;a pas répondu en %1 s.</source>
        <translation>This check did not answer within %1 s.</translation>
    </message>
    <message>
        <source>Relancez le diagnostic ; si le délai se répète, le pilote ou le réseau concerné est bloqué.</source>
        <translation>Run the diagnostics again; if it times out again, the driver or network involved is stuck.</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <source>au moins 8 caractères</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <source>au moins 1 lettre majuscule</source>
        <translation>at least 1 upper-case letter</translation>
    </message>
    <message>
        <source>au moins 1 lettre minuscule</source>
        <translation>at least 1 lower-case letter</translation>
    </message>
    <message>
        <source>au moins 1 chiffre ou 1 caractère spécial</source>
        <translation>at least 1 digit or 1 special character</translation>
    </message>
    <message>
        <source>au plus 128 caractères</source>
        <translation>at most 128 characters</translation>
    </message>
    <message>
        <source>différent de l&apos;identifiant</source>
        <translation>different from the identifier</translation>
    </message>
    <message>
        <source>Le serveur DCC Login ne répond pas. Vérifiez votre connexion au réseau, puis réessayez.</source>
        <translation>The DCC Login server does not answer. Check your network connection, then try again.</translation>
    </message>
    <message>
        <source>La connexion sécurisée au serveur a échoué : son certificat n&apos;est pas reconnu. Contactez le référent RCP de votre organisation.</source>
        <translation>The secure connection to the server failed: its certificate is not recognised. Contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>Le serveur met trop de temps à répondre. Réessayez dans un instant.</source>
        <translation>The server takes too long to answer. Try again in a moment.</translation>
    </message>
    <message>
        <source>Opération annulée.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Le serveur a donné une réponse inattendue. Réessayez plus tard.</source>
        <translation>The server gave an unexpected answer. Try again later.</translation>
    </message>
    <message>
        <source>Identifiant ou mot de passe incorrect.</source>
        <translation>Wrong identifier or password.</translation>
    </message>
    <message>
        <source>Cette connexion a expiré. Saisissez de nouveau votre identifiant et votre mot de passe.</source>
        <translation>This login has expired. Enter your identifier and password again.</translation>
    </message>
    <message>
        <source>Ce code a expiré (il est valable 10 minutes). Cliquez sur « Recevoir un nouveau code ».</source>
        <translation>This code has expired (it is valid for 10 minutes). Click “Get a new code”.</translation>
    </message>
    <message>
        <source>Trop de codes incorrects : ce code ne peut plus servir. Cliquez sur « Recevoir un nouveau code ».</source>
        <translation>Too many wrong codes: this code can no longer be used. Click “Get a new code”.</translation>
    </message>
    <message>
        <source>Le code n&apos;a pas pu être envoyé par e-mail. Réessayez dans quelques minutes.</source>
        <translation>The code could not be sent by e-mail. Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Le certificat de votre carte CPS a été refusé (%1). Contactez le référent RCP de votre organisation.</source>
        <translation>The certificate of your CPS card was refused (%1). Contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>La signature de votre carte CPS n&apos;a pas pu être vérifiée. Réessayez.</source>
        <translation>The signature of your CPS card could not be verified. Try again.</translation>
    </message>
    <message>
        <source>Cette carte CPS n&apos;est pas associée à votre compte. Contactez le référent RCP de votre organisation.</source>
        <translation>This CPS card is not linked to your account. Contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>Le mot de passe doit contenir : %1.</source>
        <translation>The password must contain: %1.</translation>
    </message>
    <message>
        <source>Ce lien de réinitialisation n&apos;est plus valable. Demandez-en un nouveau.</source>
        <translation>This reset link is no longer valid. Ask for a new one.</translation>
    </message>
    <message>
        <source>Le service est momentanément indisponible. Réessayez dans quelques minutes.</source>
        <translation>The service is temporarily unavailable. Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Une erreur est survenue (%1). Si elle persiste, contactez le référent RCP de votre organisation.</source>
        <translation>Something went wrong (%1). If it happens again, contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>Trop de tentatives. Réessayez dans %1 s.</source>
        <translation>Too many attempts. Try again in %1 s.</translation>
    </message>
    <message>
        <source>Code incorrect. Essais restants : %1.</source>
        <translation>Wrong code. Attempts left: %1.</translation>
    </message>
    <message>
        <source>Votre demande n&apos;est pas arrivée en entier au serveur : la connexion réseau est trop lente ou a été interrompue. Réessayez.</source>
        <translation>Your request did not reach the server whole: the network connection is too slow or was interrupted. Try again.</translation>
    </message>
</context>
<context>
    <name>PcscCheck</name>
    <message>
        <source>Lecteurs de cartes</source>
        <translation>Card readers</translation>
    </message>
    <message>
        <source>Service carte à puce (PC/SC)</source>
        <translation>Smart card service (PC/SC)</translation>
    </message>
    <message>
        <source>Le service carte à puce ne répond pas (%1).</source>
        <translation>The smart card service does not answer (%1).</translation>
    </message>
    <message>
        <source>Démarrez le service carte à puce (pcscd sous Linux, « Carte à puce » sous Windows) puis relancez le diagnostic.</source>
        <translation>Start the smart card service (pcscd on Linux, &quot;Smart Card&quot; on Windows), then run the diagnostics again.</translation>
    </message>
    <message>
        <source>Lecteurs</source>
        <translation>Readers</translation>
    </message>
    <message>
        <source>Sans service PC/SC, les lecteurs ne peuvent pas être listés.</source>
        <translation>Without the PC/SC service, the readers cannot be listed.</translation>
    </message>
    <message>
        <source>Le service carte à puce répond.</source>
        <translation>The smart card service answers.</translation>
    </message>
    <message>
        <source>Aucun lecteur de carte n&apos;est branché.</source>
        <translation>No card reader is plugged in.</translation>
    </message>
    <message>
        <source>Branchez le lecteur (ou un autre port USB) et vérifiez que son pilote est installé.</source>
        <translation>Plug the reader in (or try another USB port) and check that its driver is installed.</translation>
    </message>
    <message numerus="yes">
        <source>%n lecteur(s) : %1</source>
        <translation>
            <numerusform>%n reader: %1</numerusform>
            <numerusform>%n readers: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Lecteur « %1 »</source>
        <translation>Reader &quot;%1&quot;</translation>
    </message>
    <message>
        <source>clavier PIN non indiqué par le lecteur</source>
        <translation>PIN pad not reported by the reader</translation>
    </message>
    <message>
        <source>avec clavier PIN</source>
        <translation>with PIN pad</translation>
    </message>
    <message>
        <source>sans clavier PIN</source>
        <translation>without PIN pad</translation>
    </message>
    <message>
        <source>Pas de carte dans ce lecteur (%1).</source>
        <translation>No card in this reader (%1).</translation>
    </message>
    <message>
        <source>Insérez la carte CPS, puce vers le haut, côté contacts.</source>
        <translation>Insert the CPS card, chip up, contacts first.</translation>
    </message>
    <message>
        <source>Carte CPS3 (contact), %1. ATR %2</source>
        <translation>CPS3 card (contact), %1. ATR %2</translation>
    </message>
    <message>
        <source>Carte CPS4, %1. ATR %2</source>
        <translation>CPS4 card, %1. ATR %2</translation>
    </message>
    <message>
        <source>Carte CPS3 lue sans contact : elle ne peut pas servir à la connexion. ATR %1</source>
        <translation>CPS3 card read contactless: it cannot be used to log in. ATR %1</translation>
    </message>
    <message>
        <source>Utilisez la fente à contact du lecteur.</source>
        <translation>Use the reader&apos;s contact slot.</translation>
    </message>
    <message>
        <source>Carte d&apos;un type inconnu. ATR %1</source>
        <translation>Card of an unknown type. ATR %1</translation>
    </message>
    <message>
        <source>Vérifiez qu&apos;il s&apos;agit bien d&apos;une carte CPS.</source>
        <translation>Check that this is a CPS card.</translation>
    </message>
    <message>
        <source>La carte ne répond pas (carte muette).</source>
        <translation>The card does not answer (mute card).</translation>
    </message>
    <message>
        <source>Retirez la carte, nettoyez la puce et réinsérez-la.</source>
        <translation>Take the card out, clean the chip and insert it again.</translation>
    </message>
</context>
<context>
    <name>Pkcs11Check</name>
    <message>
        <source>Modules PKCS#11 et carte</source>
        <translation>PKCS#11 modules and card</translation>
    </message>
    <message>
        <source>Module configuré</source>
        <translation>Configured module</translation>
    </message>
    <message>
        <source>Module %1</source>
        <translation>Module %1</translation>
    </message>
    <message>
        <source>Aucun module n&apos;est imposé : DCC Login cherche les modules habituels dans l&apos;ordre.</source>
        <translation>No module is set: DCC Login looks for the usual modules in order.</translation>
    </message>
    <message>
        <source>Aucun fichier à cet emplacement.</source>
        <translation>No file at this location.</translation>
    </message>
    <message>
        <source>Corrigez le chemin du module dans les réglages (ou la stratégie), ou installez la Cryptolib CPS.</source>
        <translation>Fix the module path in the settings (or the policy), or install the CPS Cryptolib.</translation>
    </message>
    <message>
        <source>Même fichier qu&apos;un module déjà examiné.</source>
        <translation>Same file as a module already examined.</translation>
    </message>
    <message>
        <source>Module de confiance de p11-kit, sans clé : ignoré.</source>
        <translation>p11-kit trust module, without keys: skipped.</translation>
    </message>
    <message>
        <source>Module %1 bits, application %2 bits : il ne peut pas être chargé.</source>
        <translation>%1-bit module, %2-bit application: it cannot be loaded.</translation>
    </message>
    <message>
        <source>Installez la Cryptolib CPS de la même architecture que DCC Login (%1 bits).</source>
        <translation>Install the CPS Cryptolib of the same architecture as DCC Login (%1-bit).</translation>
    </message>
    <message>
        <source>Le fichier ne se charge pas comme module PKCS#11 : %1</source>
        <translation>The file does not load as a PKCS#11 module: %1</translation>
    </message>
    <message>
        <source>Vérifiez que ce chemin désigne bien le module PKCS#11 de la Cryptolib CPS, et réinstallez-la au besoin.</source>
        <translation>Check that this path is the CPS Cryptolib&apos;s PKCS#11 module, and reinstall it if needed.</translation>
    </message>
    <message>
        <source>Chargé : %1</source>
        <translation>Loaded: %1</translation>
    </message>
    <message>
        <source>Lecteurs vus par le module</source>
        <translation>Readers seen by the module</translation>
    </message>
    <message>
        <source>Carte utilisable</source>
        <translation>Usable card</translation>
    </message>
    <message>
        <source>Au moins une carte porte une clé d&apos;authentification utilisable.</source>
        <translation>At least one card holds a usable authentication key.</translation>
    </message>
    <message>
        <source>Aucun module ne présente de carte avec une clé d&apos;authentification.</source>
        <translation>No module shows a card with an authentication key.</translation>
    </message>
    <message>
        <source>Insérez la carte CPS, vérifiez le lecteur et l&apos;installation de la Cryptolib CPS.</source>
        <translation>Insert the CPS card, check the reader and the CPS Cryptolib installation.</translation>
    </message>
    <message>
        <source>Carte « %1 »</source>
        <translation>Card &quot;%1&quot;</translation>
    </message>
    <message>
        <source>modèle %1, n° de série %2, lecteur « %3 »</source>
        <translation>model %1, serial number %2, reader &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Code PIN en état normal ; %1.</source>
        <translation>PIN in normal state; %1.</translation>
    </message>
    <message>
        <source>Un code PIN faux a déjà été saisi ; %1.</source>
        <translation>A wrong PIN has already been entered; %1.</translation>
    </message>
    <message>
        <source>Faites vérifier le code PIN avant de réessayer.</source>
        <translation>Have the PIN checked before trying again.</translation>
    </message>
    <message>
        <source>Dernier essai : un code PIN faux de plus bloquera la carte ; %1.</source>
        <translation>Final try: one more wrong PIN will lock the card; %1.</translation>
    </message>
    <message>
        <source>Ne réessayez qu&apos;avec un code PIN certain.</source>
        <translation>Only try again with a PIN you are sure of.</translation>
    </message>
    <message>
        <source>Le code PIN est bloqué ; %1.</source>
        <translation>The PIN is locked; %1.</translation>
    </message>
    <message>
        <source>Débloquez la carte avec le code PUK (outils de l&apos;ANS) ou demandez une nouvelle carte.</source>
        <translation>Unblock the card with the PUK (the ANS&apos;s tools) or order a new card.</translation>
    </message>
    <message>
        <source>Carte vierge (non initialisée) ; %1.</source>
        <translation>Blank card (not initialised); %1.</translation>
    </message>
    <message>
        <source>Lecture incomplète : %1</source>
        <translation>Incomplete read: %1</translation>
    </message>
    <message>
        <source>Certificat d&apos;authentification</source>
        <translation>Authentication certificate</translation>
    </message>
    <message>
        <source>Certificat de signature</source>
        <translation>Signature certificate</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2), émis par %3, valide jusqu&apos;au %4 (%n jour(s)).</source>
        <translation>
            <numerusform>%1 (%2), issued by %3, valid until %4 (%n day).</numerusform>
            <numerusform>%1 (%2), issued by %3, valid until %4 (%n days).</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificat expiré depuis le %1.</source>
        <translation>Certificate expired on %1.</translation>
    </message>
    <message>
        <source>Commandez une nouvelle carte CPS auprès de l&apos;ANS.</source>
        <translation>Order a new CPS card from the ANS.</translation>
    </message>
    <message>
        <source>Certificat pas encore valide (à partir du %1).</source>
        <translation>Certificate not valid yet (from %1).</translation>
    </message>
    <message>
        <source>Vérifiez la date et l&apos;heure du poste.</source>
        <translation>Check the workstation&apos;s date and time.</translation>
    </message>
    <message>
        <source>Le certificat expire bientôt : commandez le renouvellement de la carte.</source>
        <translation>The certificate expires soon: order the renewal of the card.</translation>
    </message>
    <message>
        <source>Cette carte ne porte pas de certificat d&apos;authentification.</source>
        <translation>This card holds no authentication certificate.</translation>
    </message>
    <message>
        <source>Utilisez une carte CPS (ou e-CPS) personnelle.</source>
        <translation>Use a personal CPS (or e-CPS) card.</translation>
    </message>
    <message>
        <source>Signature de connexion</source>
        <translation>Login signature</translation>
    </message>
    <message>
        <source>Sans clé d&apos;authentification, rien à vérifier.</source>
        <translation>Without an authentication key, nothing to check.</translation>
    </message>
    <message>
        <source>La clé d&apos;authentification peut signer avec %1.</source>
        <translation>The authentication key can sign with %1.</translation>
    </message>
    <message>
        <source>La clé d&apos;authentification n&apos;est ni RSA ni EC P-256.</source>
        <translation>The authentication key is neither RSA nor EC P-256.</translation>
    </message>
    <message>
        <source>Le module n&apos;annonce pas %1 pour signer.</source>
        <translation>The module does not offer %1 for signing.</translation>
    </message>
    <message>
        <source>Mettez à jour la Cryptolib CPS.</source>
        <translation>Update the CPS Cryptolib.</translation>
    </message>
</context>
<context>
    <name>ServerCheck</name>
    <message>
        <source>Serveur DCC Login</source>
        <translation>DCC Login server</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Les requêtes passent par le proxy %1:%2.</source>
        <translation>Requests go through the proxy %1:%2.</translation>
    </message>
    <message>
        <source>Pas de proxy pour ce serveur.</source>
        <translation>No proxy for this server.</translation>
    </message>
    <message>
        <source>Adresse du serveur</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Aucune adresse de serveur valable n&apos;est réglée (« %1 »).</source>
        <translation>No valid server address is set (&quot;%1&quot;).</translation>
    </message>
    <message>
        <source>Réglez l&apos;adresse du serveur (https://…) dans les réglages ou la stratégie.</source>
        <translation>Set the server address (https://…) in the settings or the policy.</translation>
    </message>
    <message>
        <source>Connexion TLS</source>
        <translation>TLS connection</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Horloge</source>
        <translation>Clock</translation>
    </message>
    <message>
        <source>Sans adresse de serveur, rien à vérifier.</source>
        <translation>Without a server address, nothing to check.</translation>
    </message>
    <message>
        <source>Le nom %1 ne se résout pas : %2</source>
        <translation>The name %1 does not resolve: %2</translation>
    </message>
    <message>
        <source>Vérifiez l&apos;adresse du serveur et le DNS du poste.</source>
        <translation>Check the server address and the workstation&apos;s DNS.</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Adresse IP %1.</source>
        <translation>IP address %1.</translation>
    </message>
    <message>
        <source>Serveur en http sur cette machine (essais) : pas de TLS.</source>
        <translation>Server over http on this machine (testing): no TLS.</translation>
    </message>
    <message>
        <source>Adresse non résolue.</source>
        <translation>Address not resolved.</translation>
    </message>
    <message>
        <source>Connexion chiffrée établie ; certificat reconnu (%1).</source>
        <translation>Encrypted connection established; certificate trusted (%1).</translation>
    </message>
    <message>
        <source>Le certificat du serveur n&apos;est pas reconnu : %1</source>
        <translation>The server&apos;s certificate is not trusted: %1</translation>
    </message>
    <message>
        <source>Installez l&apos;autorité de certification de l&apos;établissement (réglage ServerCa) ou faites corriger le certificat du serveur.</source>
        <translation>Install the organisation&apos;s certificate authority (ServerCa setting) or have the server&apos;s certificate fixed.</translation>
    </message>
    <message>
        <source>Le serveur ne répond pas sur %1:%2 (%3).</source>
        <translation>The server does not answer on %1:%2 (%3).</translation>
    </message>
    <message>
        <source>Vérifiez que le serveur fonctionne et que le pare-feu laisse passer ce port.</source>
        <translation>Check that the server is running and that the firewall lets this port through.</translation>
    </message>
    <message>
        <source>Le fichier d&apos;autorités ServerCa est illisible : %1</source>
        <translation>The ServerCa authority file cannot be read: %1</translation>
    </message>
    <message>
        <source>pas de réponse en %1 ms</source>
        <translation>no answer within %1 ms</translation>
    </message>
    <message>
        <source>%1 version %2, méthodes : %3</source>
        <translation>%1 version %2, methods: %3</translation>
    </message>
    <message>
        <source>L&apos;horloge du poste diffère de celle du serveur de %1 s.</source>
        <translation>The workstation&apos;s clock differs from the server&apos;s by %1 s.</translation>
    </message>
    <message>
        <source>Mettez le poste à l&apos;heure (synchronisation NTP).</source>
        <translation>Set the workstation to the right time (NTP synchronisation).</translation>
    </message>
    <message>
        <source>Écart avec le serveur : %1 s.</source>
        <translation>Difference with the server: %1 s.</translation>
    </message>
    <message>
        <source>Le serveur n&apos;indique pas son heure.</source>
        <translation>The server does not give its time.</translation>
    </message>
    <message>
        <source>/api/v1/info n&apos;a pas répondu : %1</source>
        <translation>/api/v1/info did not answer: %1</translation>
    </message>
    <message>
        <source>Vérifiez l&apos;adresse du serveur, le réseau et le proxy.</source>
        <translation>Check the server address, the network and the proxy.</translation>
    </message>
    <message>
        <source>Sans réponse du serveur, l&apos;écart d&apos;horloge est inconnu.</source>
        <translation>Without an answer from the server, the clock difference is unknown.</translation>
    </message>
</context>
<context>
    <name>TestSignatureCheck</name>
    <message>
        <source>Signature de test</source>
        <translation>Test signature</translation>
    </message>
    <message>
        <source>Aucune carte utilisable pour la signature de test.</source>
        <translation>No usable card for the test signature.</translation>
    </message>
    <message>
        <source>Corrigez d&apos;abord les erreurs des modules PKCS#11 et de la carte.</source>
        <translation>First fix the errors of the PKCS#11 modules and the card.</translation>
    </message>
    <message>
        <source>La carte a signé (%1) et la signature est valide.</source>
        <translation>The card signed (%1) and the signature is valid.</translation>
    </message>
    <message>
        <source>La carte a signé, mais la signature ne se vérifie pas avec son certificat.</source>
        <translation>The card signed, but the signature does not verify with its certificate.</translation>
    </message>
    <message>
        <source>Mettez à jour la Cryptolib CPS ; si cela persiste, la carte est à remplacer.</source>
        <translation>Update the CPS Cryptolib; if it persists, the card must be replaced.</translation>
    </message>
    <message>
        <source>La signature de test a échoué : %1</source>
        <translation>The test signature failed: %1</translation>
    </message>
    <message>
        <source>Vérifiez le code PIN ; attention, chaque code faux rapproche du blocage de la carte.</source>
        <translation>Check the PIN; beware, each wrong PIN brings the card closer to being locked.</translation>
    </message>
</context>
<context>
    <name>dcc::client::AssistanceDialog</name>
    <message>
        <source>Assistance et support</source>
        <translation>Help and support</translation>
    </message>
    <message>
        <source>En cas de difficulté de connexion (code OTP ou carte CPS) ou de problème de compte, contactez directement le référent RCP de votre organisation de RCP ou 3C.

Ce référent est votre interlocuteur privilégié pour :
• la création ou la modification de votre compte utilisateur ;
• la vérification de votre adresse e-mail ou de vos droits d&apos;accès ;
• toute question liée à la connexion au DCC.</source>
        <translation>If you have trouble logging in (OTP code or CPS card) or a problem with your account, contact the RCP referent of your RCP organisation or 3C directly.

This referent is your contact for:
• creating or changing your user account;
• checking your e-mail address or your access rights;
• any question about logging in to the DCC.</translation>
    </message>
    <message>
        <source>Votre contact : %1</source>
        <translation>Your contact: %1</translation>
    </message>
</context>
<context>
    <name>dcc::client::DiagnosticsWindow</name>
    <message>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Texte (*.txt);;JSON (*.json)</source>
        <translation>Text (*.txt);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Le rapport n&apos;a pas pu être enregistré dans %1.</source>
        <translation>The report could not be saved to %1.</translation>
    </message>
    <message>
        <source>Diagnostic DCC Login</source>
        <translation>DCC Login diagnostics</translation>
    </message>
    <message>
        <source>Copier</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Enregistrer le rapport…</source>
        <translation>Save the report…</translation>
    </message>
    <message>
        <source>Relancer</source>
        <translation>Run again</translation>
    </message>
    <message>
        <source>Contrôle</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Diagnostic en cours…</source>
        <translation>Diagnostics running…</translation>
    </message>
    <message>
        <source>Diagnostic en cours… %1/%2 (%3 terminé)</source>
        <translation>Diagnostics running… %1/%2 (%3 done)</translation>
    </message>
    <message>
        <source>%1 OK, %2 attention, %3 erreur(s), %4 sans objet</source>
        <translation>%1 OK, %2 warning(s), %3 error(s), %4 not applicable</translation>
    </message>
    <message>
        <source>Signature de test…</source>
        <translation>Test signature…</translation>
    </message>
    <message>
        <source>Signature de test</source>
        <translation>Test signature</translation>
    </message>
    <message>
        <source>Code PIN de la carte (laissez vide sur un lecteur à clavier) :</source>
        <translation>Card PIN (leave empty on a reader with a PIN pad):</translation>
    </message>
    <message>
        <source>Signature de test en cours…</source>
        <translation>Test signature running…</translation>
    </message>
</context>
<context>
    <name>dcc::client::ForgotPasswordDialog</name>
    <message>
        <source>Mot de passe oublié</source>
        <translation>Forgot your password</translation>
    </message>
    <message>
        <source>Saisissez votre identifiant DCC, qui reste inchangé :</source>
        <translation>Enter your DCC identifier, which does not change:</translation>
    </message>
    <message>
        <source>Identifiant DCC</source>
        <translation>DCC identifier</translation>
    </message>
    <message>
        <source>Initiale du prénom + point + nom d&apos;usage, ex. : j.dupont</source>
        <translation>First-name initial + dot + usual surname, e.g. j.dupont</translation>
    </message>
    <message>
        <source>Initiale du prénom + point + nom d&apos;usage. Exemple : j.dupont</source>
        <translation>First-name initial + dot + usual surname. Example: j.dupont</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cet identifiant n&apos;a pas la forme attendue : initiale du prénom, point, nom d&apos;usage (ex. : j.dupont).</source>
        <translation>This identifier does not have the expected form: first-name initial, dot, usual surname (e.g. j.dupont).</translation>
    </message>
    <message>
        <source>Envoi de la demande…</source>
        <translation>Sending the request…</translation>
    </message>
    <message>
        <source>Un e-mail de réinitialisation vous a été envoyé à l&apos;adresse professionnelle enregistrée pour votre compte. L&apos;envoi peut prendre jusqu&apos;à 1 minute. Ouvrez le lien qu&apos;il contient pour choisir un nouveau mot de passe.</source>
        <translation>A reset e-mail was sent to the work address registered for your account. It may take up to 1 minute to arrive. Open the link it contains to choose a new password.</translation>
    </message>
</context>
<context>
    <name>dcc::client::LoginWindow</name>
    <message>
        <source>Le code comporte 6 chiffres.</source>
        <translation>The code has 6 digits.</translation>
    </message>
    <message>
        <source>DCC Login — connexion au DCC</source>
        <translation>DCC Login — log in to the DCC</translation>
    </message>
    <message>
        <source>Connexion au DCC</source>
        <translation>Log in to the DCC</translation>
    </message>
    <message>
        <source>&amp;Identifiant</source>
        <translation>&amp;Identifier</translation>
    </message>
    <message>
        <source>ex. : j.dupont</source>
        <translation>e.g. j.dupont</translation>
    </message>
    <message>
        <source>Identifiant</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <source>&amp;Mot de passe</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Se connecter</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Se connecter avec un code reçu par e-mail</source>
        <translation>Log in with a code received by e-mail</translation>
    </message>
    <message>
        <source>Un code à 6 chiffres vous est envoyé par e-mail.</source>
        <translation>A 6-digit code is sent to you by e-mail.</translation>
    </message>
    <message>
        <source>Carte CPS</source>
        <translation>CPS card</translation>
    </message>
    <message>
        <source>Se connecter avec la carte CPS</source>
        <translation>Log in with the CPS card</translation>
    </message>
    <message>
        <source>Mot de passe oublié ?</source>
        <translation>Forgot your password?</translation>
    </message>
    <message>
        <source>Assistance</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Code &amp;OTP</source>
        <translation>&amp;OTP code</translation>
    </message>
    <message>
        <source>Code OTP</source>
        <translation>OTP code</translation>
    </message>
    <message>
        <source>6 chiffres</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <source>S&apos;authentifier</source>
        <translation>Authenticate</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Se reconnecter</source>
        <translation>Log in again</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Votre canal de réception : %1</source>
        <translation>Your delivery channel: %1</translation>
    </message>
    <message>
        <source>Serveur : vérification…</source>
        <translation>Server: checking…</translation>
    </message>
    <message>
        <source>Serveur : disponible (version %1)</source>
        <translation>Server: available (version %1)</translation>
    </message>
    <message>
        <source>Serveur : %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Saisissez votre identifiant et votre mot de passe.</source>
        <translation>Enter your identifier and your password.</translation>
    </message>
    <message>
        <source>Vérifiez que l&apos;adresse affichée sous « Votre canal de réception » est bien la vôtre, et consultez vos courriers indésirables si vous ne recevez pas le code. Le code est valable 10 minutes : demandez-en un nouveau si nécessaire.</source>
        <translation>Check that the address shown under “Your delivery channel” is yours, and look in your spam folder if the code does not arrive. The code is valid for 10 minutes: ask for a new one if needed.</translation>
    </message>
    <message>
        <source>Bienvenue, %1. Le DCC s&apos;ouvre dans votre navigateur.</source>
        <translation>Welcome, %1. The DCC is opening in your browser.</translation>
    </message>
    <message>
        <source>Bienvenue, %1. Le navigateur n&apos;a pas pu être ouvert : reconnectez-vous pour obtenir un nouveau lien.</source>
        <translation>Welcome, %1. The browser could not be opened: log in again to get a new link.</translation>
    </message>
    <message>
        <source>Code valable encore %1:%2</source>
        <translation>Code valid for another %1:%2</translation>
    </message>
    <message>
        <source>Ce code a expiré : demandez-en un nouveau.</source>
        <translation>This code has expired: ask for a new one.</translation>
    </message>
    <message>
        <source>Recevoir un nouveau code (%1 s)</source>
        <translation>Get a new code (%1 s)</translation>
    </message>
    <message>
        <source>Recevoir un nouveau code</source>
        <translation>Get a new code</translation>
    </message>
    <message>
        <source>Code &amp;PIN de la carte CPS</source>
        <translation>CPS card &amp;PIN</translation>
    </message>
    <message>
        <source>Code PIN de la carte CPS</source>
        <translation>CPS card PIN</translation>
    </message>
    <message>
        <source>Valider</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Saisissez votre code sur le lecteur.</source>
        <translation>Type your PIN on the reader.</translation>
    </message>
    <message>
        <source>Carte CPS de :</source>
        <translation>CPS card of:</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Diagnostic</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>L&apos;installation de DCC Login est incomplète : la connexion ne peut pas démarrer (%1). Réinstallez l&apos;application ou contactez le support informatique.</source>
        <translation>DCC Login is not fully installed: the login cannot start (%1). Reinstall the application or contact IT support.</translation>
    </message>
    <message>
        <source>Préparation de la connexion…</source>
        <translation>Getting ready to log in…</translation>
    </message>
</context>
<context>
    <name>dcc::client::SettingsDialog</name>
    <message>
        <source>Fixé par votre administrateur</source>
        <translation>Set by your administrator</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Automatique (Cryptolib CPS, puis OpenSC)</source>
        <translation>Automatic (Cryptolib CPS, then OpenSC)</translation>
    </message>
    <message>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Aucune (magasin du système)</source>
        <translation>None (system store)</translation>
    </message>
    <message>
        <source>Adresse du serveur</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Module PKCS#11</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <source>Langue</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Certificat d&apos;autorité du serveur</source>
        <translation>Server&apos;s certificate authority</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>adresse du serveur</source>
        <translation>server address</translation>
    </message>
    <message>
        <source>module PKCS#11</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <source>langue</source>
        <translation>language</translation>
    </message>
    <message>
        <source>certificat d&apos;autorité</source>
        <translation>certificate authority</translation>
    </message>
    <message>
        <source>Valeur refusée : %1.</source>
        <translation>Value refused: %1.</translation>
    </message>
    <message>
        <source>La nouvelle adresse du serveur et le nouveau certificat d&apos;autorité seront utilisés au prochain démarrage de DCC Login.</source>
        <translation>The new server address and certificate authority will be used the next time DCC Login starts.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Impossible d&apos;écrire le rapport dans %1.</source>
        <translation>Cannot write the report to %1.</translation>
    </message>
    <message>
        <source>Installation incomplète : les contrôles ne peuvent pas être chargés (%1). Réinstallez DCC Login.</source>
        <translation>Incomplete installation: the checks cannot be loaded (%1). Reinstall DCC Login.</translation>
    </message>
</context>
</TS>
