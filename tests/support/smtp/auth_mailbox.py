"""aiosmtpd handler for the tests: a Maildir that also checks AUTH PLAIN and LOGIN.

aiosmtpd's command line cannot take an authenticator (its own AUTH always fails), so this
handler implements the two mechanisms for one user given on the command line:

    python3 -m aiosmtpd ... -c auth_mailbox.AuthMailbox MAILDIR USER PASSWORD

PLAIN is checked as RFC 4616 says ([authzid] NUL authcid NUL passwd). Each stored mail
gets an X-Authenticated-User header with the login that sent it, so a test can tell an
authenticated delivery from an anonymous one.
"""

from base64 import b64decode

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import MISSING, AuthResult, LoginPassword


class AuthMailbox(Mailbox):
    def __init__(self, mail_dir, user, password):
        super().__init__(mail_dir)
        self._user = user.encode()
        self._password = password.encode()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 3:
            parser.error("AuthMailbox needs MAILDIR USER PASSWORD")
        return cls(*args)

    def _check(self, login, password):
        if login == self._user and password == self._password:
            return AuthResult(success=True, auth_data=LoginPassword(login, password))
        # handled=False: aiosmtpd answers 535 itself.
        return AuthResult(success=False, handled=False)

    async def auth_PLAIN(self, server, args):
        if len(args) == 2:
            try:
                data = b64decode(args[1], validate=True)
            except ValueError:
                return AuthResult(success=False, handled=False)
        else:
            data = await server.challenge_auth("")
            if data is MISSING:
                return AuthResult(success=False, handled=False)
        parts = data.split(b"\0")
        if len(parts) != 3:
            return AuthResult(success=False, handled=False)
        return self._check(parts[1], parts[2])

    async def auth_LOGIN(self, server, args):
        if len(args) == 2:
            try:
                login = b64decode(args[1], validate=True)
            except ValueError:
                return AuthResult(success=False, handled=False)
        else:
            login = await server.challenge_auth("Username:")
            if login is MISSING:
                return AuthResult(success=False, handled=False)
        password = await server.challenge_auth("Password:")
        if password is MISSING:
            return AuthResult(success=False, handled=False)
        return self._check(login, password)

    def prepare_message(self, session, envelope):
        message = super().prepare_message(session, envelope)
        if session.authenticated and session.login_data is not None:
            message["X-Authenticated-User"] = session.login_data.decode()
        return message
