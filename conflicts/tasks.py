"""Background work, run by `python manage.py db_worker` (django-tasks with its database backend)."""

from django_tasks import task

from .services.webhooks import webhook_delivery_attempt


@task()
def deliver_webhook(delivery_id):
    """POSTs one signed event (see webhook_delivery_attempt)."""
    return webhook_delivery_attempt(delivery_id)
