"""A loopback SMTP server (aiosmtpd) that stores every accepted message in a Maildir.

    maildir_server.py MAILDIR [PORT]

Listens on 127.0.0.1:PORT (0 or absent: a free port), prints "ready PORT" once it accepts
connections, and exits when its standard input closes (or on SIGTERM). Each message is
stored as received, preceded by Return-Path and Delivered-To lines for the envelope.
Recipients whose local part starts with "reject" get 550, with "defer" get 451, which lets
the tests see how a client maps permanent and temporary refusals.
"""

import asyncio
import mailbox
import os
import signal
import sys
import threading

from aiosmtpd.smtp import SMTP


class MaildirHandler:
    def __init__(self, path):
        # Maildir(create=True) skips tmp/new/cur when the folder exists already.
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(path, sub), exist_ok=True)
        self.maildir = mailbox.Maildir(path, create=False)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        if local.startswith("defer"):
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        head = "Return-Path: <%s>\r\n" % envelope.mail_from
        for rcpt in envelope.rcpt_tos:
            head += "Delivered-To: %s\r\n" % rcpt
        key = self.maildir.add(head.encode("utf-8") + envelope.original_content)
        return "250 2.0.0 OK queued as %s" % key


async def main(path, port):
    loop = asyncio.get_running_loop()
    handler = MaildirHandler(path)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="localhost", enable_SMTPUTF8=True),
        host="127.0.0.1",
        port=port,
    )
    print("ready %d" % server.sockets[0].getsockname()[1], flush=True)

    done = asyncio.Event()

    def watch_stdin():
        sys.stdin.read()
        loop.call_soon_threadsafe(done.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    loop.add_signal_handler(signal.SIGTERM, done.set)
    await done.wait()
    server.close()


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: maildir_server.py MAILDIR [PORT]")
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 0))
