"""The one place that talks SMTP or writes mail files, and the mails built from services."""
