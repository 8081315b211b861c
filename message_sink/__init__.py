"""The development message sink: keeps every mail (SMTP) and SMS (HTTP gateway contract) for reading.

Used by the main command and the tests alike. Never use it in production: it shows one-time codes.
"""

from message_sink.server import MessageSink
from message_sink.store import Mail, MessageStore, Sms

__all__ = ["Mail", "MessageSink", "MessageStore", "Sms"]
