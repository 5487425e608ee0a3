"""Text messages (短信) to applicants and departments: a server-side outbox of one row per event
(acceptance, 补正, ready for pickup, a promised date about to be missed), sent by a worker
(``hall-server send-messages``) through the hall's provider, retried with backoff, never twice for
the same event, each message's state on its case's timeline. docs/messages.md."""
