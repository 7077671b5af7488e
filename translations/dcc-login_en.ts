<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
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
        <source>La Cryptolib CPS n'est pas installée sur ce poste. Installez-la (site de l'ANS) ou contactez votre support informatique.</source>
        <translation>Cryptolib CPS is not installed on this computer. Install it (ANS website) or contact your IT support.</translation>
    </message>
    <message>
        <source>La Cryptolib CPS n'a pas pu être chargée. Contactez votre support informatique.</source>
        <translation>Cryptolib CPS could not be loaded. Contact your IT support.</translation>
    </message>
    <message>
        <source>Cette carte ne contient pas de certificat d'authentification.</source>
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
        <source>La carte n'a pas pu être lue (%1). Retirez-la, réinsérez-la, puis réessayez.</source>
        <translation>The card could not be read (%1). Remove it, insert it again, then try again.</translation>
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
        <source>différent de l'identifiant</source>
        <translation>different from the identifier</translation>
    </message>
    <message>
        <source>Le serveur DCC Login ne répond pas. Vérifiez votre connexion au réseau, puis réessayez.</source>
        <translation>The DCC Login server does not answer. Check your network connection, then try again.</translation>
    </message>
    <message>
        <source>La connexion sécurisée au serveur a échoué : son certificat n'est pas reconnu. Contactez le référent RCP de votre organisation.</source>
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
        <source>Le code n'a pas pu être envoyé par e-mail. Réessayez dans quelques minutes.</source>
        <translation>The code could not be sent by e-mail. Try again in a few minutes.</translation>
    </message>
    <message>
        <source>Le certificat de votre carte CPS a été refusé (%1). Contactez le référent RCP de votre organisation.</source>
        <translation>The certificate of your CPS card was refused (%1). Contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>La signature de votre carte CPS n'a pas pu être vérifiée. Réessayez.</source>
        <translation>The signature of your CPS card could not be verified. Try again.</translation>
    </message>
    <message>
        <source>Cette carte CPS n'est pas associée à votre compte. Contactez le référent RCP de votre organisation.</source>
        <translation>This CPS card is not linked to your account. Contact the RCP referent of your organisation.</translation>
    </message>
    <message>
        <source>Le mot de passe doit contenir : %1.</source>
        <translation>The password must contain: %1.</translation>
    </message>
    <message>
        <source>Ce lien de réinitialisation n'est plus valable. Demandez-en un nouveau.</source>
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
• la vérification de votre adresse e-mail ou de vos droits d'accès ;
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
        <source>Initiale du prénom + point + nom d'usage, ex. : j.dupont</source>
        <translation>First-name initial + dot + usual surname, e.g. j.dupont</translation>
    </message>
    <message>
        <source>Initiale du prénom + point + nom d'usage. Exemple : j.dupont</source>
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
        <source>Cet identifiant n'a pas la forme attendue : initiale du prénom, point, nom d'usage (ex. : j.dupont).</source>
        <translation>This identifier does not have the expected form: first-name initial, dot, usual surname (e.g. j.dupont).</translation>
    </message>
    <message>
        <source>Envoi de la demande…</source>
        <translation>Sending the request…</translation>
    </message>
    <message>
        <source>Un e-mail de réinitialisation vous a été envoyé à l'adresse professionnelle enregistrée pour votre compte. L'envoi peut prendre jusqu'à 1 minute. Ouvrez le lien qu'il contient pour choisir un nouveau mot de passe.</source>
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
        <source>S'authentifier</source>
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
        <source>Vérifiez que l'adresse affichée sous « Votre canal de réception » est bien la vôtre, et consultez vos courriers indésirables si vous ne recevez pas le code. Le code est valable 10 minutes : demandez-en un nouveau si nécessaire.</source>
        <translation>Check that the address shown under “Your delivery channel” is yours, and look in your spam folder if the code does not arrive. The code is valid for 10 minutes: ask for a new one if needed.</translation>
    </message>
    <message>
        <source>Bienvenue, %1. Le DCC s'ouvre dans votre navigateur.</source>
        <translation>Welcome, %1. The DCC is opening in your browser.</translation>
    </message>
    <message>
        <source>Bienvenue, %1. Le navigateur n'a pas pu être ouvert : reconnectez-vous pour obtenir un nouveau lien.</source>
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
        <source>Certificat d'autorité du serveur</source>
        <translation>Server's certificate authority</translation>
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
        <source>certificat d'autorité</source>
        <translation>certificate authority</translation>
    </message>
    <message>
        <source>Valeur refusée : %1.</source>
        <translation>Value refused: %1.</translation>
    </message>
    <message>
        <source>La nouvelle adresse du serveur et le nouveau certificat d'autorité seront utilisés au prochain démarrage de DCC Login.</source>
        <translation>The new server address and certificate authority will be used the next time DCC Login starts.</translation>
    </message>
</context>
</TS>
