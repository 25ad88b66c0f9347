"""Background work, run by `python manage.py db_worker` (django-tasks with its database backend).

Deliveries queued by earlier versions name this module's path, so the task stays importable here.
"""

from .services.webhooks import deliver_webhook

__all__ = ["deliver_webhook"]
