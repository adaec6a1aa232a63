"""A real SMTP server on loopback for the notice tests (aiosmtpd): every message it receives is
decoded and saved as one JSON file, so the test reads what a patron's mail program would show."""
import email
import json
import sys
import time
from email import policy

from aiosmtpd.controller import Controller


class Save:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        self.n += 1
        with open(f"{self.out}/{self.n:03}.json", "w", encoding="utf-8") as f:
            json.dump({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "subject": str(msg["subject"]),
                "body": msg.get_body(("plain",)).get_content(),
                "message_id": msg["message-id"],
                "mime_version": msg["mime-version"],
            }, f, ensure_ascii=False)
        return "250 OK"


controller = Controller(Save(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
