from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class MailConfig(AppConfig):
    """Every e-mail: the outbox, the one message builder, people's e-mail choices and the
    unsubscribe links. The domain apps declare their e-mails in their own `emails.py`."""

    name = "mail"
    verbose_name = "E-mail"

    def ready(self) -> None:
        autodiscover_modules("emails")
